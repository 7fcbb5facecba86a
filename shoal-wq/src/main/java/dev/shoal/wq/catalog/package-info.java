/**
 * The catalog: a directory of running services (Work Queue managers, workers, file servers) that
 * advertise themselves with small JSON records, compatible with cctools' {@code catalog_server},
 * {@code catalog_query} and {@code work_queue_status}.
 *
 * <p>{@link dev.shoal.wq.catalog.CatalogServer} receives updates over UDP and TCP and answers HTTP
 * queries; {@link dev.shoal.wq.catalog.CatalogClient} sends updates and runs queries.
 */
package dev.shoal.wq.catalog;
