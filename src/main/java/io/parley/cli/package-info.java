/**
 * The command line: one picocli command per verb; wires the other packages together once.
 */
package io.parley.cli;
