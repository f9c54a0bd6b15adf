package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ARI event JSON, shaped as Asterisk 22's events.json and channels.json describe it, parsed. */
class AriEventTest {

    @Test
    void stasisStartCarriesTheArgumentsAndTheChannel() throws Exception {
        String json = """
                {"type":"StasisStart","timestamp":"2025-01-01T10:00:00.123+0000","args":["3333"],
                 "channel":{"id":"1735725600.7","name":"PJSIP/1001-00000003","state":"Ring","protocol_id":"",
                   "caller":{"name":"Alice","number":"1001"},"connected":{"name":"","number":""},"accountcode":"",
                   "dialplan":{"context":"parley","exten":"3333","priority":1,"app_name":"Stasis","app_data":"parley,3333"},
                   "creationtime":"2025-01-01T10:00:00.100+0000","language":"en"},
                 "asterisk_id":"02:42:ac:11:00:02","application":"parley"}""";
        AriEvent e = AriEvent.from(AriClient.JSON.readTree(json));
        assertThat(e.type()).isEqualTo(AriEvent.STASIS_START);
        assertThat(e.application()).isEqualTo("parley");
        assertThat(e.args()).containsExactly("3333");
        assertThat(e.channelId()).isEqualTo("1735725600.7");
        AriChannel c = e.channel().orElseThrow();
        assertThat(c.callerNumber()).isEqualTo("1001");
        assertThat(c.exten()).isEqualTo("3333");
        assertThat(c.appName()).isEqualTo("Stasis");
        assertThat(c.appData()).isEqualTo("parley,3333");
        assertThat(e.bridge()).isEmpty();
    }

    @Test
    void channelDestroyedCarriesTheCauseAndBridgeEventsTheBridge() throws Exception {
        AriEvent destroyed = AriEvent.from(AriClient.JSON.readTree("""
                {"type":"ChannelDestroyed","cause":17,"cause_txt":"User busy","channel":{"id":"x"},"application":"parley"}"""));
        assertThat(destroyed.cause()).isEqualTo(17);
        AriEvent left = AriEvent.from(AriClient.JSON.readTree("""
                {"type":"ChannelLeftBridge","bridge":{"id":"b","technology":"simple_bridge","bridge_type":"mixing",
                 "bridge_class":"stasis","creator":"Stasis","name":"n","channels":["y"]},"channel":{"id":"x"}}"""));
        assertThat(left.bridgeId()).isEqualTo("b");
        assertThat(left.bridge().orElseThrow().channels()).containsExactly("y");
        assertThat(left.channelId()).isEqualTo("x");
        AriEvent replaced = AriEvent.from(AriClient.JSON.readTree("""
                {"type":"ApplicationReplaced","application":"parley"}"""));
        assertThat(replaced.channelId()).isEmpty();
        assertThat(replaced.cause()).isZero();
    }
}
