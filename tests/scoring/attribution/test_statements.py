"""What counts as a statement: case tables of events that are not, statements that are, sources.

Sentences written for these tests; one row per phenomenon (issue 13's false hits and misses).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.attribution import (
    SOURCE_TYPES,
    AttributionLexicon,
    AttributionResult,
    find_attributions,
    load_attribution_lexicon,
)
from scoring.attribution.statements import (
    NOT_STATEMENT_VERBS,
    read_verb_lexicon,
    statement_verbs,
)
from scoring.errors import PipelineError


@pytest.fixture(scope="module")
def lexicon() -> AttributionLexicon:
    return load_attribution_lexicon()


def analyse(nlp: Language, lexicon: AttributionLexicon, text: str) -> AttributionResult:
    return find_attributions(nlp(text), actors=(), lexicon=lexicon)


# Sentences with no statement in them: every row would give an attribution without the rule.
NOT_STATEMENTS = [
    pytest.param("The port authority did not reply to our questions by Friday.", id="negated"),
    pytest.param("A spokesman for the company declined to comment on the lawsuit.", id="declined"),
    pytest.param("Roe refused to say whether the plant would close.", id="refused-to-say"),
    pytest.param("The senator plans to seek a third term next year.", id="plans-to-seek"),
    pytest.param("The governor considered making a run for the presidency.", id="considered"),
    pytest.param("The two leaders agreed on Tuesday to seek a limited ceasefire.", id="agreed-to"),
    pytest.param("The minister was expected to announce the budget on Friday.", id="expected-to"),
    pytest.param("The council voted to approve the new stadium.", id="vote"),
    pytest.param("Support for the measure grew over the summer.", id="non-speech-verb"),
    pytest.param("To show that she was serious, Roe posted the letter online.", id="purpose"),
    pytest.param(
        "The inquiry will widen if the board continues to feel that the audit was rushed.",
        id="conditional",
    ),
    pytest.param("He laughed so hard that the room fell silent.", id="result-clause"),
    pytest.param("The suspect called 911 from the parking lot.", id="called-a-number"),
    pytest.param(
        "Roe stayed quiet, knowing that any answer would be used against her.", id="factive-know"
    ),
    pytest.param("The dispute threatened to become the story of the summit.", id="raising-threat"),
    pytest.param("Asked about the merger, the chairman was seen to smile.", id="no-source-clause"),
    pytest.param("The two mayors will discuss how to share the costs.", id="future-will-discuss"),
    pytest.param("She did not ask the board to delay the vote.", id="negated-request"),
    pytest.param("He found a job in the city after the election.", id="found-by-a-person"),
    pytest.param("The union called a strike for Monday.", id="called-a-strike-for"),
    pytest.param(  # whom a source echoed, not what it said
        "The network covered the vote as a reunion, echoing Mr. Ivanov.", id="echoing-a-person"
    ),
    pytest.param(
        "It goes without saying that raising taxes is unpopular.", id="goes-without-saying"
    ),
    pytest.param("Federal law requires candidates to disclose their assets.", id="required-to"),
    pytest.param(
        "You could sell the old truck or consider a cheaper lease.",
        id="modal-of-conjunct",
    ),
    pytest.param("We must ensure that the officers receive the training.", id="must-ensure"),
    pytest.param("Others are panicking now that the first bill is due.", id="now-that"),
    pytest.param("She recently called in to a town hall about policing.", id="called-in"),
    pytest.param(  # a label before a colon names no speaker
        "Correction: A prior draft of this story misstated the size of the Harbor Alliance grant.",
        id="correction-label",
    ),
    pytest.param(  # a supposition offered, not a statement
        "Let's say you think the new roof will cost $42,000 by 2031.",
        id="lets-say",
    ),
    pytest.param(  # a verb that is no speech, after a preposition, says nothing
        "The mayor responded by using the data to prove that the plan works.",
        id="by-using-to-prove",
    ),
    pytest.param("Prosecutors charged him with fraud in May.", id="charged-with"),
    pytest.param(  # an inline quote under a planned event is no statement of the subject's
        'The two mayors will discuss "how to share the costs of the new bridge."',
        id="future-cue-inline-quote",
    ),
    pytest.param("Republicans would argue that the plan is too costly.", id="hypothetical-would"),
    pytest.param(  # a quote inside a sentence under a verb that reports nothing
        'The tickets became "gift certificates for the annual charity gala" in the filings.',
        id="inline-quote-non-speech",
    ),
    pytest.param("Mayor Jane Roe defended the budget.", id="defended-bare-object"),
    pytest.param("The coach talked to reporters after the game.", id="talked-to-addressee"),
    pytest.param("The envoy spoke on the phone with his aide.", id="spoke-on-the-phone"),
    pytest.param("After the vote, the mayor said.", id="adjunct-before-trailing-cue"),
    pytest.param("As she said goodbye, the train left.", id="as-with-its-own-object"),
    pytest.param("Roe said, smiling broadly.", id="participle-of-manner"),
    pytest.param(  # the subject of a passive "asked" is the one asked, not the asker
        "Asked about the merger, the chairman smiled.", id="passive-asked-about"
    ),
    pytest.param("As he spoke, the crowd cheered.", id="as-a-time"),
    pytest.param("The merger collapsed, as predicted.", id="as-predicted-no-source"),
    pytest.param(  # a relative pronoun is no content: what it stands for is outside the clause
        "The bridge, which was praised by engineers, opened in May.", id="passive-relative-subject"
    ),
    pytest.param("She wrote the letter when the mill closed.", id="wh-clause-not-reported"),
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_statements(nlp: Language, lexicon: AttributionLexicon, text: str) -> None:
    result = analyse(nlp, lexicon, text)
    assert [a.cue.exact if a.cue else None for a in result.attributions] == []


# (text, cue, source, content, source_type); one row per statement the rules must keep or find.
STATEMENTS = [
    pytest.param(  # a relative pronoun is never the source: its antecedent is
        "The union, which has said that the strike will continue, met on Monday.",
        "said",
        "The union",
        "that the strike will continue",
        "named_organisation",
        id="relative-pronoun-source",
    ),
    pytest.param(  # inverted cue: the whole name, without the relative clause after it
        '"We will rebuild the bridge," said Mayor Jane Roe, who took office in May.',
        "said",
        "Mayor Jane Roe",
        '"We will rebuild the bridge,"',
        "named_person",
        id="inverted-title-name",
    ),
    pytest.param(  # commissive speech act: said, so a statement
        "Roe vowed to veto the bill.",
        "vowed",
        "Roe",
        "to veto the bill",
        "named_person",
        id="commissive",
    ),
    pytest.param(  # judgement verb with a quoted label; the content ends with the quote
        'He deemed the governor\'s economic plan "a con."',
        "deemed",
        "He",
        'the governor\'s economic plan "a con."',
        "named_person",
        id="deemed",
    ),
    pytest.param(  # evidential verb with its "as" complement
        "A police spokesman identified the driver as a 34-year-old man.",
        "identified",
        "A police spokesman",
        "the driver as a 34-year-old man",
        "anonymous",
        id="identified",
    ),
    pytest.param(  # reporting noun with a "from" source
        "The bill passed despite claims from activists that it would raise taxes.",
        "claims",
        "activists",
        "that it would raise taxes",
        "vague",
        id="claims-from",
    ),
    pytest.param(  # reporting noun with a possessive source
        "The governor's warning that the dam could fail went unheeded.",
        "warning",
        "The governor's",
        "that the dam could fail",
        "named_person",
        id="possessive-noun",
    ),
    pytest.param(  # a document speaks
        "The statement said that the company would cut 200 jobs.",
        "said",
        "The statement",
        "that the company would cut 200 jobs",
        "document",
        id="statement-said",
    ),
    pytest.param(  # "in an interview with" names the outlet, not the source
        "Roe said in an interview with the Herald that the budget was balanced.",
        "said",
        "Roe",
        "that the budget was balanced",
        "named_person",
        id="interview-with",
    ),
    pytest.param(  # "according to a report by": the report is the source
        "The plant will close next year, according to a report by the state auditor.",
        "according to",
        "a report by the state auditor",
        "The plant will close next year",
        "document",
        id="according-to-report",
    ),
    pytest.param(  # a participle modifying its source noun
        "A report claiming that the mill would close was denied by the owners.",
        "claiming",
        "A report",
        "that the mill would close",
        "document",
        id="participle-source",
    ),
    pytest.param(  # weasel: a bare generic plural
        "Critics argue that the plan will raise prices.",
        "argue",
        "Critics",
        "that the plan will raise prices",
        "vague",
        id="vague-critics",
    ),
    pytest.param(  # weasel: impersonal passive, no source span
        "It is believed that the suspect fled the country.",
        "believed",
        None,
        "that the suspect fled the country",
        "vague",
        id="vague-it-is-believed",
    ),
    pytest.param(  # weasel: a vague quantifier
        "Many experts say the economy is slowing.",
        "say",
        "Many experts",
        "the economy is slowing",
        "vague",
        id="vague-many-experts",
    ),
    pytest.param(  # weasel: a quantifier pronoun
        "Some have said the program is too expensive.",
        "said",
        "Some",
        "the program is too expensive",
        "vague",
        id="vague-some-have-said",
    ),
    pytest.param(  # "some" + noun: vague, not a named group
        "Some residents reported that the water smelled of gasoline.",
        "reported",
        "Some residents",
        "that the water smelled of gasoline",
        "vague",
        id="vague-some-residents",
    ),
    pytest.param(  # a source described by what it knows stays anonymous, not vague
        "Two people briefed on the matter have said that the deal is close.",
        "said",
        "Two people briefed on the matter",
        "that the deal is close",
        "anonymous",
        id="briefed-on-the-matter",
    ),
    pytest.param(  # a reported statement the narrator credits to a document: the outer one
        "Roe told the council the vote was rigged, according to a transcript of the meeting.",
        "according to",
        "a transcript of the meeting",
        "Roe told the council the vote was rigged",
        "document",
        id="according-to-over-reported",
    ),
    pytest.param(  # a trailing cue with a short object after a quote ending in "?"
        '"Shall we stop for lunch?" Mr. Dunn asked his sons.',
        "asked",
        "Mr. Dunn",
        '"Shall we stop for lunch?"',
        "named_person",
        id="trailing-cue-short-object",
    ),
    pytest.param(  # "according to" inside its clause: the whole clause, the phrase inside
        "Only two trains ran on time last week, according to the rail agency, and three were "
        "cancelled.",
        "according to",
        "the rail agency",
        "Only two trains ran on time last week, according to the rail agency, and three were "
        "cancelled",
        "named_organisation",
        id="according-to-interrupting",
    ),
    pytest.param(  # "according to" after a coordination: both conjuncts
        "Fares rose by 3% in 2020, but fell by 1% in 2021, according to city data.",
        "according to",
        "city data",
        "Fares rose by 3% in 2020, but fell by 1% in 2021",
        "anonymous",
        id="according-to-coordination",
    ),
    pytest.param(  # a transcript speaker in capitals: the line is theirs, its own cues too
        "ANN NOLAN: I think the vote will slip, and I said so on Monday.\n\nTOM PIKE: We will see.",
        ":",
        "ANN NOLAN",
        "I think the vote will slip, and I said so on Monday",
        "named_person",
        id="transcript-speaker",
    ),
    pytest.param(  # the cue inside a relative clause: the clause from its pronoun
        "The levy, which officials said will start in May, is new.",
        "said",
        "officials",
        "which officials said will start in May",
        "anonymous",
        id="relative-clause-cue",
    ),
    pytest.param(  # a cue interrupting its clause before a partial quote: the clause's words too
        'The plan, Mayor Jane Roe said, "is a perfect example of waste" in the city.',
        "said",
        "Mayor Jane Roe",
        'The plan, Mayor Jane Roe said, "is a perfect example of waste"',
        "named_person",
        id="interrupted-before-quote",
    ),
    pytest.param(  # "as X put it": X said the clause the phrase hangs on
        "As Ann Pike put it, the council offers a view nobody else gives.",
        "put it",
        "Ann Pike",
        "the council offers a view nobody else gives",
        "named_person",
        id="as-x-put-it",
    ),
    pytest.param(  # an appositive the narrator adds after the content's last noun
        "Critics say the money would be better spent with the union, the group that includes "
        "most drivers.",
        "say",
        "Critics",
        "the money would be better spent with the union",
        "vague",
        id="trailing-appositive",
    ),
    pytest.param(  # a "who" clause after the object: the narrator's, and its own statement
        "Senator Ann Pike endorses Tom Reed, who says he is honored.",
        "endorses",
        "Senator Ann Pike",
        "Tom Reed",
        "named_person",
        id="trailing-who-clause",
    ),
    pytest.param(  # an admission with its object
        "Roe acknowledged difficulties in keeping the files secure.",
        "acknowledged",
        "Roe",
        "difficulties in keeping the files secure",
        "named_person",
        id="speech-verb-object",
    ),
    pytest.param(  # an adverbial of frequency the parser reads as the object is not the content
        "Roe has noted several times about keeping pressure on the city.",
        "noted",
        "Roe",
        "keeping pressure on the city",
        "named_person",
        id="frequency-not-object",
    ),
    pytest.param(  # "spoke about": what was spoken about
        "She spoke about her ties to the church.",
        "spoke",
        "She",
        "her ties to the church",
        "named_person",
        id="spoke-about",
    ),
    pytest.param(  # a stance with its saying: the saying part is the statement
        "Mayor Jane Roe defended the budget, saying it would protect schools.",
        "saying",
        "Mayor Jane Roe",
        "it would protect schools",
        "named_person",
        id="defended-saying",
    ),
    pytest.param(  # a communicative idiom with a "that" clause
        "Roe made it clear that she had doubts about the plan.",
        "made it clear",
        "Roe",
        "that she had doubts about the plan",
        "named_person",
        id="made-it-clear",
    ),
    pytest.param(  # an idiom of stating: "made the case that"
        "The agency made the case that the toll plan would fail.",
        "made the case",
        "The agency",
        "that the toll plan would fail",
        "named_organisation",
        id="made-the-case",
    ),
    pytest.param(  # "went on to say": said next, not aimed at
        "Roe went on to say that the city would recover.",
        "say",
        "Roe",
        "that the city would recover",
        "named_person",
        id="went-on-to-say",
    ),
    pytest.param(  # a quote credited after a horizontal bar, the convention of reader panels
        "\u201cHe never listens to us.\u201d \u2015 Maria Ortiz",
        "\u2015",
        "Maria Ortiz",
        "\u201cHe never listens to us.\u201d",
        "named_person",
        id="quote-bar-credit",
    ),
    pytest.param(  # a clause before a colon is the narrator's, not what the later cue reports
        "The plan drew fire on Monday: critics said the costs had doubled.",
        "said",
        "critics",
        "the costs had doubled",
        "vague",
        id="clause-before-colon",
    ),
    pytest.param(  # the quote after "said:", not the participle clause before the cue
        'Conceding that the vote was close, Roe said: "We will try again next year."',
        "said",
        "Roe",
        '"We will try again next year."',
        "named_person",
        id="colon-quote-after-participle",
    ),
    pytest.param(  # the "that" clause the parse hung on the listener as a relative clause
        "She told a meeting of farmers that few people knew the drought better than they did.",
        "told",
        "She",
        "that few people knew the drought better than they did",
        "named_person",
        id="told-listener-that",
    ),
    pytest.param(  # a colon introduces the quote a verb with an object wrote
        'Ms. Lane wrote what she thought: "The council has failed the people who elected it."',
        "wrote",
        "Ms. Lane",
        '"The council has failed the people who elected it."',
        "named_person",
        id="colon-quote-after-object",
    ),
    pytest.param(  # a "that" clause over an aside the parse split off its predicate
        "The school wrote in a post Friday that Mia and Leo, aged 16 and 13 respectively,"
        ' should "stay home until the inquiry ends."',
        "wrote",
        "The school",
        'that Mia and Leo, aged 16 and 13 respectively, should "stay home until the inquiry ends."',
        "named_organisation",
        id="that-clause-over-aside",
    ),
    pytest.param(  # a split quote whose second part goes on in lower case after an aside
        '"I trust the referee," Roe said during a rally in Dayton, Ohio, "but many people will'
        ' be watching him closely."',
        "said",
        "Roe",
        '"I trust the referee," Roe said during a rally in Dayton, Ohio, "but many people will'
        ' be watching him closely."',
        "named_person",
        id="split-quote-after-aside",
    ),
    pytest.param(  # a split quote joined by "but" after the cue
        '"I like the plan," he said, but "the costs have to come down before I vote for it."',
        "said",
        "he",
        '"I like the plan," he said, but "the costs have to come down before I vote for it."',
        "named_person",
        id="split-quote-but",
    ),
    pytest.param(  # a colon after a long object introduces the quote
        'Ms. Roe wrote what she thought the council should have done: "Listen to the'
        ' residents. Fix the roads."',
        "wrote",
        "Ms. Roe",
        '"Listen to the residents. Fix the roads."',
        "named_person",
        id="colon-quote-after-free-relative",
    ),
    pytest.param(  # a request with its addressee: what was asked is said
        "The mayor asked the crowd to welcome the new chief.",
        "asked",
        "The mayor",
        "the crowd to welcome the new chief",
        "named_person",
        id="asked-someone-to",
    ),
    pytest.param(  # "pleaded with X not to": the negation is what was asked, not of the plea
        'Mr. Lee pleaded with voters during his speech not to "give up hope or turn on each'
        ' other," a muted reply to his rival.',
        "pleaded",
        "Mr. Lee",
        'not to "give up hope or turn on each other,"',
        "named_person",
        id="pleaded-with-not-to",
    ),
    pytest.param(  # "retort" after "quick to" read as a noun by the parser
        'Tom Reed was quick to retort: "Frankly, that is plain nonsense. ... Nothing the mayor '
        'claimed holds up."',
        "retort",
        "Tom Reed",
        '"Frankly, that is plain nonsense. ... Nothing the mayor claimed holds up."',
        "named_person",
        id="quick-to-retort",
    ),
    pytest.param(  # a narrator's concession after the reported clause is left out of it
        "The mayor claimed that closing the pool was smart, although she again refused to"
        " release the audit.",
        "claimed",
        "The mayor",
        "that closing the pool was smart",
        "named_person",
        id="concessive-after-clause",
    ),
    pytest.param(  # a quote's own "not", hung on the cue by the parse, does not negate it
        '"Are we ready? Probably not," Ms. Moore said.',
        "said",
        "Ms. Moore",
        '"Are we ready? Probably not,"',
        "named_person",
        id="quoted-not-is-the-speakers",
    ),
    pytest.param(  # the words between the quote and the source are the source's title
        '"We will find out what happened," Tulsa police Chief Ann Lee said.',
        "said",
        "Tulsa police Chief Ann Lee",
        '"We will find out what happened,"',
        "named_person",
        id="title-split-off-the-source",
    ),
    pytest.param(  # a plural reporting verb the parse read as a noun
        "But Roe claims that she should be the exception.",
        "claims",
        "Roe",
        "that she should be the exception",
        "named_person",
        id="claims-read-as-noun",
    ),
    pytest.param(  # a "that" clause the parse hung as an adverbial clause after a time phrase
        'Ann Ray tweeted late on Sunday night that the councilman was "a coward" and "a cheat."',
        "tweeted",
        "Ann Ray",
        'that the councilman was "a coward" and "a cheat."',
        "named_person",
        id="that-clause-as-adverbial",
    ),
    pytest.param(  # what a study found, as an object
        "A 2019 study by the university found 31 cases of fraud out of a million ballots.",
        "found",
        "A 2019 study by the university",
        "31 cases of fraud out of a million ballots",
        "document",
        id="study-found-object",
    ),
    pytest.param(  # what a poll shows, with what completes its object
        "The survey shows the mayor with a lead of three points.",
        "shows",
        "The survey",
        "the mayor with a lead of three points",
        "document",
        id="poll-shows-object",
    ),
    pytest.param(  # "according to" whose source the parse reads as a clause ("show" a verb)
        "As a game show host, Roe often mocked the contestants, according to show insiders.",
        "according to",
        "show insiders",
        "As a game show host, Roe often mocked the contestants",
        "anonymous",
        id="according-to-misread-source",
    ),
    pytest.param(  # an opening "According to X," whose clause the parse hangs on X
        'According to radio host Ann Lee, the move reeks of "fear" and panic.',
        "According to",
        "radio host Ann Lee",
        'the move reeks of "fear" and panic',
        "named_person",
        id="according-to-opening",
    ),
    pytest.param(  # a quoted label the parse made one noun phrase with its object
        "Bill Roe calls Medicare \u2018crazy system\u2019 during campaign stop.",
        "calls",
        "Bill Roe",
        "Medicare \u2018crazy system\u2019",
        "named_person",
        id="calls-x-quoted-label",
    ),
    pytest.param(  # a judgement of two objects the parse hung side by side on the verb
        "Democrats called the censure motion and the demand for her emails a transparent "
        "political ploy.",
        "called",
        "Democrats",
        "the censure motion and the demand for her emails a transparent political ploy",
        "named_organisation",
        id="called-x-and-y-a-z",
    ),
    pytest.param(  # a commissive with a "that" clause
        "The city pledged that in the year 2020 it would lift the restrictions.",
        "pledged",
        "The city",
        "that in the year 2020 it would lift the restrictions",
        "named_organisation",
        id="pledged-that",
    ),
    pytest.param(  # "charges that" is an accusation made
        "Roe charges that the donors were paid off.",
        "charges",
        "Roe",
        "that the donors were paid off",
        "named_person",
        id="charges-that",
    ),
    pytest.param(  # a proclamation's object
        'Ray proclaimed a motto of "Bridges Before Walls."',
        "proclaimed",
        "Ray",
        'a motto of "Bridges Before Walls."',
        "named_person",
        id="proclaimed-object",
    ),
    pytest.param(  # a speech verb after a preposition takes the subject of the verb it hangs on
        "The governor responded to a columnist on Tuesday by saying her choice to skip the "
        'debate was a "made-up" controversy.',
        "saying",
        "The governor",
        'her choice to skip the debate was a "made-up" controversy',
        "named_person",
        id="responded-by-saying",
    ),
    pytest.param(  # ... a passive one's subject too
        'After saying his knee was "so stiff I could hardly stand," he was taken to a clinic.',
        "saying",
        "he",
        'his knee was "so stiff I could hardly stand,"',
        "named_person",
        id="after-saying-passive-subject",
    ),
    pytest.param(  # the cue after a preposition stands alone between the quotes around it
        '"Promise me you will stay safe," Ann Lee sings to the crowd before asking them, "Where'
        ' do we go from here?"',
        "asking",
        "Ann Lee",
        '"Where do we go from here?"',
        "named_person",
        id="before-asking-quote",
    ),
    pytest.param(  # a time and an occasion after a quoted label are not what was said
        'Roe blasted the mayor as a "disgrace" Wednesday on a radio show.',
        "blasted",
        "Roe",
        'the mayor as a "disgrace"',
        "named_person",
        id="label-then-occasion",
    ),
    pytest.param(  # a phrase right after the object that the parse hung on the verb modifies it
        "The audit revealed a gaping hole in the way the towns handle the budget.",
        "revealed",
        "The audit",
        "a gaping hole in the way the towns handle the budget",
        "document",
        id="object-modifier-on-the-verb",
    ),
    pytest.param(  # the sentence's words that run into a trailed quote are part of what was said
        'However noble the aim, raising the levy "is the wrong tool," said Ms. Ray.',
        "said",
        "Ms. Ray",
        'However noble the aim, raising the levy "is the wrong tool,"',
        "named_person",
        id="words-run-into-trailed-quote",
    ),
    pytest.param(  # a cue the parse hung on the subject of the clause it interrupts
        "The big shift now, she told me in March, is that she chairs the budget panel.",
        "told",
        "she",
        "The big shift now, she told me in March, is that she chairs the budget panel",
        "named_person",
        id="cue-interrupts-subject-and-verb",
    ),
    pytest.param(  # what was said by reference to another statement
        "Mayor Ann Lee said as much in an interview on Thursday.",
        "said",
        "Mayor Ann Lee",
        "as much",
        "named_person",
        id="said-as-much",
    ),
    pytest.param(  # ... with whom it was said of
        "About 73 percent said the same of the mayor.",
        "said",
        "About 73 percent",
        "the same of the mayor",
        "anonymous",
        id="said-the-same-of",
    ),
    pytest.param(  # a cue ending its paragraph with a colon introduces the unquoted block after
        "The governor added:\n\nIt is typical of the mayor. She knows nothing, but the talking"
        " never stops.\n\nLee left.",
        "added",
        "The governor",
        "It is typical of the mayor. She knows nothing, but the talking never stops",
        "named_person",
        id="colon-then-block",
    ),
    pytest.param(  # words before a trailed quote that hold another cue are not its content
        '"You awake?" he said, but Nora was nodding off again, and as Reed went on about "how '
        'the fares keep rising," Tom said no.',
        "said",
        "he",
        '"You awake?"',
        "named_person",
        id="lead-in-with-another-cue",
    ),
    pytest.param(  # a clause after a trailing cue, coordinated with the cue by the parse
        "The top tenth paid 12.4 percent, the bureau said in its March survey, and the lowest "
        "tenth paid 1.1 percent.",
        "said",
        "the bureau",
        "The top tenth paid 12.4 percent, the bureau said in its March survey, and the lowest "
        "tenth paid 1.1 percent",
        "named_organisation",
        id="trailing-cue-then-conjunct-clause",
    ),
    pytest.param(  # a short quote before a cue whose clause follows is a title, not what was said
        'On Sunday\'s episode of "Harbor Talk Tonight," Mayor Lia Stone said her deputy had only '
        "been teasing.",
        "said",
        "Mayor Lia Stone",
        "her deputy had only been teasing",
        "named_person",
        id="quoted-title-before-cue",
    ),
    pytest.param(  # a reporting noun named by its publisher, its clause hung on the verb above
        "The senator is seizing on a Boston Ledger report that the utility lost money in 2011.",
        "report",
        "Boston Ledger",
        "that the utility lost money in 2011",
        "named_organisation",
        id="publisher-report-that",
    ),
    pytest.param(  # a statement noun with its source and what it was about
        "The image was sealed with his clumsy comment about half of the city.",
        "comment",
        "his",
        "half of the city",
        "named_person",
        id="comment-about",
    ),
    pytest.param(  # a narrator's concession after an interrupted clause is left out of it
        "The newest launch, the Harbor Alliance said, was its longest so far, although it could "
        "take weeks to verify it.",
        "said",
        "the Harbor Alliance",
        "The newest launch, the Harbor Alliance said, was its longest so far",
        "named_organisation",
        id="interrupted-clause-then-concession",
    ),
    pytest.param(  # a split quote joined by "and still", its subject before the first part
        'Reed "took a plea bargain," Ms. Stone said, and still "got to keep his seat on the '
        'board."',
        "said",
        "Ms. Stone",
        'Reed "took a plea bargain," Ms. Stone said, and still "got to keep his seat on the '
        'board."',
        "named_person",
        id="split-quote-and-still",
    ),
    pytest.param(  # a narrator's aside after a dash at the end of an object is left out
        "Lee thanked Roe on Twitter for backing his bill - delaying the end of the program.",
        "thanked",
        "Lee",
        "Roe on Twitter for backing his bill",
        "named_person",
        id="object-then-dash-aside",
    ),
    pytest.param(  # "speaking of X" after a quote's cue says what it was about, and the quote
        # of the next sentence continues it
        '"This is all in their minds," said Ray, speaking of the council\'s budget. "It is one '
        'of the fears keeping them awake."',
        "said",
        "Ray",
        '"This is all in their minds," said Ray, speaking of the council\'s budget. "It is one '
        'of the fears keeping them awake."',
        "named_person",
        id="speaking-of-then-continued-quote",
    ),
    pytest.param(  # a credited line whose opening mark is typed as a closing one
        "\u201dFear. I am truly afraid the mayor will win.\u201d \u2015 Ann Lee\n",
        "\u2015",
        "Ann Lee",
        "\u201dFear. I am truly afraid the mayor will win.\u201d",
        "named_person",
        id="bar-credit-odd-opening-mark",
    ),
    pytest.param(  # a credit after a no-break space
        "\u201cI am so ashamed. How did we get this low?\u201d\u00a0\u2015 Jo Ortiz\u00a0\n",
        "\u2015",
        "Jo Ortiz",
        "\u201cI am so ashamed. How did we get this low?\u201d",
        "named_person",
        id="bar-credit-no-break-space",
    ),
    pytest.param(  # a quoted transcript whose paragraphs the quote index reads as one quote
        'Transcript:\n\n"HOST: Let us begin with the vote this morning.\n\n"STONE: Well, the '
        "real question is why they delayed it.\n\nThe vote is on Friday.\n",
        ":",
        "STONE",
        "Well, the real question is why they delayed it",
        "named_person",
        id="quoted-transcript-speakers",
    ),
    pytest.param(  # an inverted cue the parse read as a modifier of the name after it
        "\"Arrive early. Listen like you care ... And please don't check your phone during "
        'council meetings." added Marlow, who works for Sen. Tom Reed, D-Maine.',
        "added",
        "Marlow",
        "\"Arrive early. Listen like you care ... And please don't check your phone during "
        'council meetings."',
        "named_person",
        id="inverted-cue-read-as-modifier",
    ),
    pytest.param(  # what "some have said" inside another's content (nested attribution)
        "The mayor rejected what some have said is a flawed approach.",
        "said",
        "some",
        "is a flawed approach",
        "vague",
        id="nested-weasel",
        marks=pytest.mark.xfail(
            reason="a cue inside another attribution's content is left to the outer one"
        ),
    ),
    pytest.param(  # a possessive reporting noun the parser misreads
        "His claim that the border was closed proved false.",
        "claim",
        "His",
        "that the border was closed",
        "named_person",
        id="claim-misparsed",
        marks=pytest.mark.xfail(
            reason="the small parser attaches the 'that' clause to 'proved', not to 'claim'"
        ),
    ),
    pytest.param(  # a sentence that only announces the quote in the next paragraph
        "Mayor Ann Ray wrote on Twitter on Monday morning.\n\n\u201cCouncilman Tom Reed, who "
        "rails at my plan today, backed it when he apologized for the \u201cf word.\u201d\u201d",
        "wrote",
        "Mayor Ann Ray",
        "\u201cCouncilman Tom Reed, who rails at my plan today, backed it when he apologized for "
        "the \u201cf word.\u201d\u201d",
        "named_person",
        id="announced-quote",
    ),
    pytest.param(  # a cleft sentence
        "It was the senator who vowed that the bill would pass.",
        "vowed",
        "the senator",
        "that the bill would pass",
        "named_person",
        id="cleft",
    ),
    pytest.param(  # the parse hangs the clause after an adjunct on the verb as an adverbial
        "Roe said after the hearing she would not resign.",
        "said",
        "Roe",
        "she would not resign",
        "named_person",
        id="clause-after-adjunct",
    ),
    pytest.param(  # a trailing cue the parse made the root: the phrase before it is the content
        "Cheaper rents for the young, the mayor said in a statement.",
        "said",
        "the mayor",
        "Cheaper rents for the young",
        "named_person",
        id="fragment-before-trailing-cue",
    ),
    pytest.param(  # "as X said" hanging on the clause X said
        "The bridge was never inspected, as the council has said.",
        "said",
        "the council",
        "The bridge was never inspected",
        "named_organisation",
        id="as-x-said",
    ),
    pytest.param(  # "as X showed" before the clause, a document's finding
        "As the audit showed, the fund lost money.",
        "showed",
        "the audit",
        "the fund lost money",
        "document",
        id="as-the-audit-showed",
    ),
    pytest.param(  # a stance verb of derision with its "as" complement
        "Senator Ann Lee derided the new schedule as a mess.",
        "derided",
        "Senator Ann Lee",
        "the new schedule as a mess",
        "named_person",
        id="derided-as",
    ),
    pytest.param(  # a plea: whom the speaker implored, and to do what
        "The senator implored voters to turn out early.",
        "implored",
        "The senator",
        "voters to turn out early",
        "named_person",
        id="implored-to",
    ),
    pytest.param(  # a participle with its own object is no trailing cue of the clause before it
        "The council met on Monday, its chair citing a rise in rents.",
        "citing",
        "its chair",
        "a rise in rents",
        "named_person",
        id="participle-with-object",
    ),
    pytest.param(  # a passive statement verb with a "by" agent: its subject is what was made public
        "The pay gap was reported by Senator Ann Lee in May.",
        "reported",
        "Senator Ann Lee",
        "The pay gap",
        "named_person",
        id="passive-reported-by",
    ),
    pytest.param(  # a cue opening the next paragraph does not take a finished quote before it
        "\u201cWe will keep the clinic open,\u201d Roe said. \u201cThat is a promise.\u201d\n\n"
        "The Reed campaign fired back on Tuesday, disputing the cost figures.",
        "said",
        "Roe",
        "\u201cWe will keep the clinic open,\u201d Roe said. \u201cThat is a promise.\u201d",
        "named_person",
        id="quote-ends-its-paragraph",
    ),
    pytest.param(  # "as X notes" after a coordinator reports the conjunct after it
        "Reed was first elected in 2010, and, as Lee points out, his ward is mostly rural.",
        "points",
        "Lee",
        "his ward is mostly rural",
        "named_person",
        id="as-x-notes-after-and",
    ),
    pytest.param(  # "as the strike continued" is a time: the union's statement stays whole
        "As the strike continued on Monday, the union said that talks had stalled.",
        "said",
        "the union",
        "that talks had stalled",
        "named_organisation",
        id="as-it-continued-is-a-time",
    ),
    pytest.param(  # a relative clause after a dash is no clause the verb reports
        "The mayor called on the council to pass two new rules -- some of which are already "
        "being drafted.",
        "called",
        "The mayor",
        "the council to pass two new rules",
        "named_person",
        id="relative-after-dash",
    ),
    pytest.param(  # a speech verb coordinated into a reported clause is a second statement
        "Mayor Ann Ray says the budget is balanced and added that taxes will not rise.",
        "says",
        "Mayor Ann Ray",
        "the budget is balanced",
        "named_person",
        id="second-statement-first",
    ),
    pytest.param(
        "Mayor Ann Ray says the budget is balanced and added that taxes will not rise.",
        "added",
        "Mayor Ann Ray",
        "that taxes will not rise",
        "named_person",
        id="second-statement-second",
    ),
    pytest.param(  # a list of what was not done stays one content
        "Mayor Ann Ray said she would neither confirm, deny nor discuss the lawsuit.",
        "said",
        "Mayor Ann Ray",
        "she would neither confirm, deny nor discuss the lawsuit",
        "named_person",
        id="list-of-speech-verbs",
    ),
    pytest.param(  # a question: what the source asked about
        "Mayor Ann Ray asked the council about the budget.",
        "asked",
        "Mayor Ann Ray",
        "the budget",
        "named_person",
        id="asked-about",
    ),
    pytest.param(  # a gerund clause as what was denied
        "Senator Ann Lee denied taking the money.",
        "denied",
        "Senator Ann Lee",
        "taking the money",
        "named_person",
        id="gerund-object",
    ),
    pytest.param(  # a gerund clause with its "as" complement
        "The mayor has often cited fixing the roads as her top priority.",
        "cited",
        "The mayor",
        "fixing the roads as her top priority",
        "named_person",
        id="gerund-object-as",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content", "source_type"), STATEMENTS)
def test_statements(
    nlp: Language,
    lexicon: AttributionLexicon,
    text: str,
    cue: str,
    source: str | None,
    content: str,
    source_type: str,
) -> None:
    result = analyse(nlp, lexicon, text)
    found = [
        (
            a.cue.exact if a.cue else None,
            a.source.exact if a.source else None,
            a.content.exact,
            a.source_type,
        )
        for a in result.attributions
    ]
    assert (cue, source, content, source_type) in found


def test_a_stance_without_saying_is_no_statement(
    nlp: Language, lexicon: AttributionLexicon
) -> None:
    saying = analyse(nlp, lexicon, "Roe defended the budget, saying it would protect schools.")
    assert [a.cue.exact for a in saying.attributions if a.cue] == ["saying"]
    completed = analyse(nlp, lexicon, "Roe defended the budget as the only honest plan.")
    assert [a.content.exact for a in completed.attributions] == [
        "the budget as the only honest plan"
    ]


def test_split_quote_pieces_leave_the_cue_out(nlp: Language, lexicon: AttributionLexicon) -> None:
    text = "\u201cWe are ready,\u201d Roe said, \u201cbut the terms must change.\u201d"
    (attribution,) = analyse(nlp, lexicon, text).attributions
    assert [p.exact for p in attribution.pieces] == [
        "\u201cWe are ready,\u201d",
        "\u201cbut the terms must change.\u201d",
    ]


def test_continued_quote_pieces_leave_the_cue_sentence_out(
    nlp: Language, lexicon: AttributionLexicon
) -> None:
    text = '"The convoy left at dawn," Smith said. "It reached the border by noon."'
    (attribution,) = analyse(nlp, lexicon, text).attributions
    assert "Smith said" not in " ".join(p.exact for p in attribution.pieces)
    assert len(attribution.pieces) == 2


def test_indirect_pieces_are_the_content(nlp: Language, lexicon: AttributionLexicon) -> None:
    (attribution,) = analyse(nlp, lexicon, "Roe said that the bridge will reopen.").attributions
    assert attribution.pieces == (attribution.content,)


def test_vague_share(nlp: Language, lexicon: AttributionLexicon) -> None:
    result = analyse(nlp, lexicon, "Critics argue that the plan fails. Roe said it works.")
    assert result.vague_share == pytest.approx(0.5)
    assert dict(result.by_source_type)["vague"] == 1


def test_source_types_are_the_literal() -> None:
    assert "vague" in SOURCE_TYPES
    assert len(set(SOURCE_TYPES)) == len(SOURCE_TYPES)


def test_statement_verbs_drop_deeds_and_keep_judgements(lexicon: AttributionLexicon) -> None:
    verbs = statement_verbs({"say": "speech", "vote": "stance"})
    assert "vote" not in verbs and verbs["say"] == "speech"
    assert {"deem", "identify"} <= set(lexicon.verbs)  # judgement verbs: "deemed the plan a con"
    assert not NOT_STATEMENT_VERBS & set(lexicon.verbs)


def test_verb_roles_are_read_from_the_lexicon_rows() -> None:
    frames, roles = read_verb_lexicon(
        [
            ("say", "speech"),
            ("Decline", "intent", "deed, non_occurring"),
            ("fail", "-", "non_occurring"),
        ]
    )
    assert frames == {"say": "speech", "decline": "intent"}  # "-" is no reporting verb
    assert roles["deed"] == {"decline"} and roles["non_occurring"] == {"decline", "fail"}
    with pytest.raises(PipelineError, match="'say' has no role 'dead'"):
        read_verb_lexicon([("say", "speech", "dead")])
