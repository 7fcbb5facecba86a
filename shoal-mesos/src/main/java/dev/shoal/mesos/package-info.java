/**
 * Mesos v1 HTTP scheduler API: typed calls and events, one JSON codec, RecordIO framing and the
 * scheduler-side connection. Every Mesos type stays inside this package.
 */
package dev.shoal.mesos;
