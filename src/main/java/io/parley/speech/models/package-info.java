/**
 * Speech models that no package installs, fetched on the user's request ({@code parley models
 * install NAME}): which ones parley knows (official download location, pinned SHA-256, what the
 * download holds), the directory they live in outside the repository, and the download that checks
 * and unpacks them. Knows nothing of the engines that load them; {@code speech.engines} asks the
 * {@link io.parley.speech.models.ModelStore} where an installed model is.
 */
package io.parley.speech.models;
