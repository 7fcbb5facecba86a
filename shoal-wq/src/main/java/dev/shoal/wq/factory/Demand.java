package dev.shoal.wq.factory;

/**
 * One cycle's decision of the factory.
 *
 * @param managers managers served this cycle
 * @param needed workers wanted, within {@code [min, max]}
 * @param connected workers the managers report connected (the factory's and others')
 * @param submitted the factory's workers that have not exited
 * @param pending the factory's workers presumed still waiting to connect
 * @param toStart workers to start now (never negative: surplus workers leave by idle timeout)
 */
public record Demand(
    int managers, int needed, long connected, int submitted, int pending, int toStart) {}
