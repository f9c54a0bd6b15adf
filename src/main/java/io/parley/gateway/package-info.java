/**
 * A gateway ({@link io.parley.gateway.Gateway}): one extension's RTP leg joined to its bridge.
 * With the bridge in another process the caller's audio crosses the PCM link both ways, each
 * direction paced by the media clock ({@link io.parley.gateway.GatewayLink}); with the bridge in
 * this process the bridge takes the RTP leg itself and the PCM ports stay bound, dropping what
 * strangers send. Uses {@code rtpleg}, {@code pcmlink} and {@code leg}.
 */
package io.parley.gateway;
