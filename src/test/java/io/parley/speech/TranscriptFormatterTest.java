package io.parley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptFormatterTest {

    @ParameterizedTest(name = "[{0}] \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            en | hello how are you                | Hello, how are you?
            en | how are you                      | How are you?
            en | i am fine thank you              | I am fine thank you.
            en | i'm sure i'll be there           | I'm sure I'll be there.
            en | yes i can                        | Yes, I can.
            en | oh hello                         | Oh, hello.
            en | hello                            | Hello.
            en | where is the train station       | Where is the train station?
            en | what time is it                  | What time is it?
            en | can you help me                  | Can you help me?
            en | is the train late                | Is the train late?
            en | did you see it                   | Did you see it?
            en | have a nice day                  | Have a nice day.
            en | when i was young i lived there   | When I was young I lived there.
            en | the weather is nice              | The weather is nice.
            en | "  the   cat  "                  | The cat.
            en | Hello, how are you?              | Hello, how are you?
            en | I think so                       | I think so.
            en | "well, maybe"                    | "well, maybe"
            en | "Yes. No!"                       | "Yes. No!"
            fr | bonjour comment allez-vous       | Bonjour, comment allez-vous?
            fr | où est la gare                   | Où est la gare?
            fr | pouvez-vous m'aider              | Pouvez-vous m'aider?
            fr | a-t-il mangé                     | A-t-il mangé?
            fr | est-ce que tu viens              | Est-ce que tu viens?
            fr | je suis très content             | Je suis très content.
            fr | oui je peux                      | Oui, je peux.
            fr | été comme hiver                  | Été comme hiver.
            fr | "Bonjour, ça va ?"               | "Bonjour, ça va ?"
            de | guten tag                        | Guten tag.
            es | hola i                           | Hola i.
            """)
    void formats(String language, String raw, String expected) {
        assertThat(TranscriptFormatter.format(raw, language)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"en", "fr"})
    void blankTextStaysEmpty(String language) {
        assertThat(TranscriptFormatter.format("", language)).isEmpty();
        assertThat(TranscriptFormatter.format(" \t\n ", language)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | hello how are you i am fine
            en | where is the train station
            fr | bonjour comment allez-vous
            fr | je suis très content
            """)
    void formattingTwiceChangesNothing(String language, String raw) {
        String once = TranscriptFormatter.format(raw, language);
        assertThat(TranscriptFormatter.format(once, language)).isEqualTo(once);
    }
}
