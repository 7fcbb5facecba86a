/**
 * Work Queue workers as Mesos tasks: {@link dev.shoal.mesos.factory.MesosLauncher}, the {@code -T
 * mesos} back end of the worker factory ({@code shoal factory}, {@code work_queue_factory}).
 */
package dev.shoal.mesos.factory;
