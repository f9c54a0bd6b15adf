/**
 * The configuration file: its model, the loader that reports errors by file, line, column and
 * field, the validation, and the port plan derived from it.
 */
package io.parley.config;
