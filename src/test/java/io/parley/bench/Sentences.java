package io.parley.bench;

import java.util.List;

/** Sentences as a recogniser gives them (lowercase, no punctuation), for the speech benchmarks. */
final class Sentences {

    static final List<String> ENGLISH = List.of(
            "hello how are you", "i am fine thank you", "where is the train station",
            "can you help me please", "the dog eats an apple", "thank you very much",
            "good morning", "the weather is very nice today", "we are going to the beach tomorrow",
            "what time is it", "i would like to book a table for four people this evening",
            "my phone number is five five five one two three four", "could you speak more slowly please",
            "i do not understand what you mean", "how much does this cost", "the meeting starts at ten o'clock",
            "please send me the report by friday", "is there a pharmacy near here", "i will call you back later",
            "we need to talk about the contract", "the train was late again this morning",
            "do you have any questions", "i agree with you", "let us meet next week",
            "the children are playing in the garden", "she works in a hospital", "can i pay by card",
            "the hotel is next to the museum", "have a nice day", "see you soon",
            "where do you live", "i have been waiting for an hour", "the food was delicious",
            "my brother lives in london", "it is raining outside", "please close the door",
            "why did you not answer", "the price has gone up", "i am sorry for the delay", "goodbye");

    static final List<String> FRENCH = List.of(
            "bonjour comment allez-vous", "je suis très content de vous voir", "où est la gare",
            "pouvez-vous m'aider", "le chat mange une pomme", "merci beaucoup", "bonsoir",
            "il fait beau aujourd'hui", "nous allons à la plage demain", "quelle heure est-il",
            "je voudrais réserver une table pour quatre personnes ce soir", "mon numéro est le cinq cinq cinq",
            "pouvez-vous parler plus lentement", "je ne comprends pas", "combien ça coûte",
            "la réunion commence à dix heures", "envoyez-moi le rapport vendredi", "y a-t-il une pharmacie près d'ici",
            "je vous rappelle plus tard", "nous devons parler du contrat", "le train était encore en retard ce matin",
            "avez-vous des questions", "je suis d'accord avec vous", "retrouvons-nous la semaine prochaine",
            "les enfants jouent dans le jardin", "elle travaille dans un hôpital", "est-ce que je peux payer par carte",
            "l'hôtel est à côté du musée", "bonne journée", "à bientôt", "où habitez-vous",
            "j'attends depuis une heure", "le repas était délicieux", "mon frère habite à londres",
            "il pleut dehors", "fermez la porte s'il vous plaît", "pourquoi n'avez-vous pas répondu",
            "le prix a augmenté", "désolé pour le retard", "au revoir");

    private Sentences() {
    }
}
