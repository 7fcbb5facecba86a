package dev.shoal.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Catches SIGINT and SIGTERM so that an interrupted run can stop its tasks, log ABORTED and exit 1
 * like makeflow, instead of the JVM's abrupt shutdown. Uses the JDK's {@code sun.misc.Signal}
 * through reflection (it is unsupported API); where it is missing, a shutdown hook does the same
 * work, with the JVM's exit code.
 */
final class Signals {
  private Signals() {}

  /** Calls {@code onSignal} (on a JDK signal thread) when SIGINT or SIGTERM arrives. */
  static void onInterrupt(Runnable onSignal, Runnable awaitStopped) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler ih =
          (Object proxy, Method m, Object[] args) -> {
            if (m.getName().equals("handle")) {
              onSignal.run();
            }
            return null;
          };
      Object h =
          Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, ih);
      Method handle = signal.getMethod("handle", signal, handler);
      for (String name : new String[] {"INT", "TERM"}) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), h);
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    onSignal.run();
                    awaitStopped.run();
                  },
                  "shoal-abort"));
    }
  }
}
