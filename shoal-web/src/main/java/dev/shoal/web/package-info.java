/** Run reports: what a run did and what it used, as tables and pictures (HTML with inline SVG). */
package dev.shoal.web;
