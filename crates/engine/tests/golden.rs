//! Golden table: one case per attribution pattern the engine must read, in sentences written
//! for this table. Each case names the speaker mention, the canonical name, the cue, the
//! content pieces, the claim kind, and (where the pattern is about them) the time value and
//! the medium.

use chrono::NaiveDate;
use claimex_engine::{Claim, ClaimKind, Document, Engine, EntityKind, Extraction};

struct Case {
    name: &'static str,
    text: &'static str,
    /// Which claim of the document to check, in document order.
    nth: usize,
    speaker: &'static str,
    canonical: &'static str,
    cue: Option<&'static str>,
    content: &'static [&'static str],
    kind: ClaimKind,
    when: Option<&'static str>,
    source: Option<&'static str>,
}

const fn named(name: &'static str, text: &'static str, speaker: &'static str, canonical: &'static str, cue: &'static str, content: &'static [&'static str], kind: ClaimKind) -> Case {
    Case { name, text, nth: 0, speaker, canonical, cue: Some(cue), content, kind, when: None, source: None }
}

const fn case(name: &'static str, text: &'static str, speaker: &'static str, cue: &'static str, content: &'static [&'static str], kind: ClaimKind) -> Case {
    Case { name, text, nth: 0, speaker, canonical: speaker, cue: Some(cue), content, kind, when: None, source: None }
}

fn table() -> Vec<Case> {
    use ClaimKind::*;
    vec![
        case("direct quote before the cue", "“We will not sign this treaty,” Anna Petrosyan said.", "Anna Petrosyan", "said", &["“We will not sign this treaty,”"], Direct),
        Case {
            name: "direct quote, a time after the cue",
            text: "\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday.",
            nth: 0,
            speaker: "Foreign Minister Anna Petrosyan",
            canonical: "Anna Petrosyan",
            cue: Some("said"),
            content: &["\"We will never sign this treaty,\""],
            kind: Direct,
            when: Some("2024-03-04"),
            source: None,
        },
        named("direct quote, inverted cue", "\"The bridge is safe,\" said Mayor Tom Alder.", "Mayor Tom Alder", "Tom Alder", "said", &["\"The bridge is safe,\""], Direct),
        case("direct quote after a colon", "The governor said: “Nobody will lose their job.”", "The governor", "said", &["“Nobody will lose their job.”"], Direct),
        case("quote split around its cue", "“The talks failed,” the envoy said, “but we will return.”", "the envoy", "said", &["“The talks failed,”", "“but we will return.”"], Direct),
        case("quote continued in the next sentence", "“The harvest is lost,” said Ruth Okafor. “Nobody expected the frost this early.”", "Ruth Okafor", "said", &["“The harvest is lost,”", "“Nobody expected the frost this early.”"], Direct),
        case("indirect speech with that", "The minister said that the border would reopen next month.", "The minister", "said", &["the border would reopen next month"], Indirect),
        case("indirect speech without that", "Officials said the storm had damaged more than 400 homes.", "Officials", "said", &["the storm had damaged more than 400 homes"], Indirect),
        case("indirect speech after the content", "The plant will close by the end of the year, the company said.", "the company", "said", &["The plant will close by the end of the year"], Indirect),
        case("cue with an auxiliary", "The agency has acknowledged that its figures were wrong.", "The agency", "acknowledged", &["its figures were wrong"], Indirect),
        case("mixed quote", "The senator said the bill was “dead on arrival” in the House.", "The senator", "said", &["the bill was “dead on arrival” in the House"], Mixed),
        named("addressed cue with an object", "Mr. Varga told reporters that the vote would be delayed.", "Mr. Varga", "Varga", "told", &["the vote would be delayed"], Indirect),
        case("appositive speaker", "Hugh Hill, a doctor at the clinic, said the water was unsafe to drink.", "Hugh Hill", "said", &["the water was unsafe to drink"], Indirect),
        case("appositive speaker before a clause that opens like a phrase", "Ruth Okafor, a nurse, said the ward runs out of beds every winter.", "Ruth Okafor", "said", &["the ward runs out of beds every winter"], Indirect),
        case("name as the appositive of a role", "The union's lawyer, Mark Ellis, said the videos show the guards stepping aside.", "Mark Ellis", "said", &["the videos show the guards stepping aside"], Indirect),
        Case {
            name: "subject with a participle and a time",
            text: "The latest survey released Friday shows that most farmers expect a poor harvest.",
            nth: 0,
            speaker: "The latest survey",
            canonical: "The latest survey",
            cue: Some("shows"),
            content: &["most farmers expect a poor harvest"],
            kind: Indirect,
            when: Some("2024-03-08"),
            source: None,
        },
        case("participle after an object", "The mayor sent a letter to the council asking that the vote be delayed.", "The mayor", "asking", &["the vote be delayed"], Indirect),
        case("an inverted speaker with a phrase about them", "\"We will not back down,\" said an aide close to the senator.", "an aide", "said", &["\"We will not back down,\""], Direct),
        named("a subject with a relative clause before the cue", "Farmers in the valley who lost their crops said the aid came too late.", "Farmers in the valley", "Farmers", "said", &["the aid came too late"], Indirect),
        named("a coordinated subject", "The talks are over, Ms. Varga and Mr. Allen said.", "Ms. Varga and Mr. Allen", "Allen", "said", &["The talks are over"], Indirect),
        case("a clause opening with a contracted pronoun", "Several growers said they're unlikely to plant again.", "Several growers", "said", &["they're unlikely to plant again"], Indirect),
        case("a participle after a quote that closes with its comma", "The coach said the team “will be ready by March,” referring to the final.", "The coach", "said", &["the team “will be ready by March,”"], Mixed),
        case("a contrasting clause with a count for its subject", "Six in 10 farmers said prices were too low, while two in 10 said they were fair.", "Six in 10 farmers", "said", &["prices were too low"], Indirect),
        Case {
            name: "a quote split around a cue with a time",
            text: "“The vote was close,” one campaign aide said late last month, “but we expected it.”",
            nth: 0,
            speaker: "one campaign aide",
            canonical: "one campaign aide",
            cue: Some("said"),
            content: &["“The vote was close,”", "“but we expected it.”"],
            kind: Direct,
            when: Some("2024-02"),
            source: None,
        },
        case("a name that modifies a role is not the speaker's", "A Varga spokesman said the report was false.", "A Varga spokesman", "said", &["the report was false"], Indirect),
        case("a second that-clause of the same report", "Most members said the plan was costly, and that it had come too late.", "Most members", "said", &["the plan was costly, and that it had come too late"], Indirect),
        named("a claim in a relative clause ends with the clause", "Ms. Varga, who said that the judge was biased, issued a statement.", "who", "Varga", "said", &["the judge was biased"], Indirect),
        case("a participial aside in the content's subject", "The bureau says farmers, numbering 2 million, outnumbered miners.", "The bureau", "says", &["farmers, numbering 2 million, outnumbered miners"], Indirect),
        case("an object pronoun after told", "Devine told me that he would leave the race.", "Devine", "told", &["he would leave the race"], Indirect),
        case("an unlisted role named by its ending", "A producer told the newspaper that the interview was canceled.", "A producer", "told", &["the interview was canceled"], Indirect),
        case("a name after a longer description", "One delegate not on the slate, Kelly Smith, told reporters she was leaning toward Cruz.", "Kelly Smith", "told", &["she was leaning toward Cruz"], Indirect),
        case("according to, with a cue word as a noun", "The firm was registered in 2010, according to state records.", "state records", "according to", &["The firm was registered in 2010"], AccordingTo),
        case("according to a list of sources", "According to his friends, aides and allies, he wants to campaign this fall.", "his friends", "According to", &["he wants to campaign this fall"], AccordingTo),
        case("a quote signed with a dash", "“The new bridge changed our lives.” ― Marta Quispe", "Marta Quispe", "―", &["“The new bridge changed our lives.”"], Direct),
        case("a transcript label after a quote mark", "\"MORALES: We will not sign the agreement before the vote.", "MORALES", ":", &["We will not sign the agreement before the vote"], Mixed),
        case("a reporting clause inside a sentence, then a preposition", "The council has a plan, she said, for how the river can be cleaned.", "she", "said", &["The council has a plan", "for how the river can be cleaned"], Indirect),
        case("a conjunction before the second quote", "“I like the mayor,” he said, but “her plan will not work.”", "he", "said", &["“I like the mayor,”", "but “her plan will not work.”"], Mixed),
        case("naming with an object pronoun", "Her rivals called him a dangerous man.", "Her rivals", "called", &["a dangerous man"], Indirect),
        named("party and state with periods", "Rep. Dana Cole (R-S.C.) said the bill would raise costs for farmers.", "Rep. Dana Cole", "Dana Cole", "said", &["the bill would raise costs for farmers"], Indirect),
        case("a gerund noun ends the speaker's complement", "A person familiar with the planning says the summit will open with a vote on the budget.", "A person familiar with the planning", "says", &["the summit will open with a vote on the budget"], Indirect),
        case("a quote opened by a closing glyph before an ellipsis", "The debate ended late. ” … he answered every question with a calm the room had not expected,” Lee wrote.", "Lee", "wrote", &["” … he answered every question with a calm the room had not expected,”"], Direct),
        named("an inverted speaker with a date-like modifier", "“The fund has not paid a single claim,” said 9/11 widow Ruth Okafor.", "9/11 widow Ruth Okafor", "Ruth Okafor", "said", &["“The fund has not paid a single claim,”"], Direct),
        case("a speaker phrase with a participle after \"of\"", "Donations set a record in August, an analysis of the newly filed reports shows.", "an analysis of the newly filed reports", "shows", &["Donations set a record in August"], Indirect),
        case("a share of people with a participle", "Some 52 percent of registered voters say the mayor should resign.", "Some 52 percent of registered voters", "say", &["the mayor should resign"], Indirect),
        named("the one told is not the speaker, after an appositive", "“The budget has no plan for the bridges,” Ruth Okafor, a former transport minister, told the Daily Ledger.", "Ruth Okafor", "Ruth Okafor", "told", &["“The budget has no plan for the bridges,”"], Direct),
        named("the one told is not the speaker, before a quote", "Tom Alder, who chairs the committee, told the Ledger, “We will vote on Friday.”", "Tom Alder", "Tom Alder", "told", &["“We will vote on Friday.”"], Direct),
        Case { when: Some("2024-03-08"), ..case("a participle's speaker past a wire dateline", "LISBON (Reuters) - The union called off the strike on Friday, saying the ministry had met its demands.", "The union", "saying", &["the ministry had met its demands"], Indirect) },
        named("a name before a lowercase quote is the content's subject, not an inverted speaker", "Ruth Okafor, who ran the campaign, said the mayor “was never serious about the bridges.”", "Ruth Okafor", "Ruth Okafor", "said", &["the mayor “was never serious about the bridges.”"], Mixed),
        named("a name after the cue before a lowercase quote", "Ruth Okafor, a former adviser who ran the campaign, said Tom Alder \"never read the report.\"", "Ruth Okafor", "Ruth Okafor", "said", &["Tom Alder \"never read the report.\""], Mixed),
        case("a content that opens with a subordinate clause goes on to its main clause", "The governor promised that if the levee holds, the town will reopen the school by March.", "The governor", "promised", &["if the levee holds, the town will reopen the school by March"], Indirect),
        case("an object goes on past \"including\"", "The mayor cited several causes for the flooding, including the clogged drains on Harbor Street.", "The mayor", "cited", &["several causes for the flooding, including the clogged drains on Harbor Street"], Indirect),
        case("a finding goes on past a share after \"with\"", "The survey shows the mayor leading her rival 48 percent to 41 percent, with 11 percent undecided.", "The survey", "shows", &["the mayor leading her rival 48 percent to 41 percent, with 11 percent undecided"], Indirect),
        case("a finding goes on past a count that does not report", "The poll found that 61 percent of residents backed the levy, while 23 percent had no opinion.", "The poll", "found", &["61 percent of residents backed the levy, while 23 percent had no opinion"], Indirect),
        Case {
            nth: 1,
            ..named("the main clause's cue resumes after a relative clause's content", "Mayor Tom Alder, who understood a vote would fail, told his staff to find the money elsewhere.", "Mayor Tom Alder", "Tom Alder", "told", &["his staff to find the money elsewhere"], Indirect)
        },
        case("\"asked\" someone to do something", "The organizer smiled and asked the volunteers to stay for the count.", "The organizer", "asked", &["the volunteers to stay for the count"], Indirect),
        Case {
            source: Some("during a Friday evening rally"),
            when: Some("2024-03-08"),
            ..case("a medium with a time inside it", "The senator said during a Friday evening rally that the mayor once called the plan a disaster.", "The senator", "said", &["the mayor once called the plan a disaster"], Indirect)
        },
        Case { when: Some("2024-03-04"), ..case("a subject after a subordinator, past an aside", "The council has been wary since the mayor, at Monday's hearing, said the bridge would close.", "the mayor", "said", &["the bridge would close"], Indirect) },
        case("a content ends before \", and when …\" that opens another report", "She said the clinic would stay open, and when pressed on the cost, the director replied that the county would pay.", "She", "said", &["the clinic would stay open"], Indirect),
        case("\"branded\" names what it brands", "The ministry branded the strike \"a reckless gamble with public safety.\"", "The ministry", "branded", &["the strike \"a reckless gamble with public safety.\""], Mixed),
        Case {
            nth: 1,
            ..named("a concession with a plural subject reports again", "Farmers have urged the council to keep the market open, although they say they accept shorter hours.", "they", "Farmers", "say", &["they accept shorter hours"], Indirect)
        },
        named("a possessive written with an apostrophe alone", "People close to the Sanders’ campaign said the rally would go ahead.", "People close to the Sanders’ campaign", "People", "said", &["the rally would go ahead"], Indirect),
        Case {
            source: Some("in an interview with Harbor Radio's “Morning Desk.”"),
            ..case("a show's title after the medium is no content", "“The ferry will run all winter,” the mayor said in an interview with Harbor Radio's “Morning Desk.”", "the mayor", "said", &["“The ferry will run all winter,”"], Direct)
        },
        Case { when: Some("2023-01"), ..case("according to a phrase with a date inside it", "According to a January 2023 study by the county, most renters spend half their income on housing.", "a January 2023 study", "According to", &["most renters spend half their income on housing"], AccordingTo) },
        Case {
            nth: 1,
            ..named("a participle's speaker is the pronoun of the clause it follows", "Mayor Ortiz changed her plan when she announced the budget, calling the bridge a priority.", "she", "Ortiz", "calling", &["the bridge a priority"], Indirect)
        },
        Case { nth: 0, ..case("\"That’s according to …\": the demonstrative is the content", "Turnout fell by a third. That’s according to early results from the county clerk.", "early results from the county clerk", "according to", &["That"], AccordingTo) },
        named("a coordinated cue's subject past a party and state", "Ada Marsh (R-Iowa) downplayed the attack on a county judge and said it would pass.", "Ada Marsh", "Ada Marsh", "said", &["it would pass"], Indirect),
        named("\"together\" between the subject and its cue", "The two unions, which together vowed to strike, met the mayor.", "which", "two unions", "vowed", &["to strike"], Indirect),
        named("a participle after a coordinated clause opened by a pronoun", "Mayor Ortiz spoke first, but she left early, saying the report was unfinished.", "she", "Ortiz", "saying", &["the report was unfinished"], Indirect),
        named("party and state between commas, no periods", "Rep. Dana Cole, R-NY, says the bill would raise costs for farmers.", "Rep. Dana Cole", "Dana Cole", "says", &["the bill would raise costs for farmers"], Indirect),
        named("party and state between commas, dotted state", "Sen. Ada Marsh, D-N.Y., said the bill protects families.", "Sen. Ada Marsh", "Ada Marsh", "said", &["the bill protects families"], Indirect),
        case("a quoted word after an abbreviation", "The senator said the U.S. “clearly” needs a new air campaign.", "The senator", "said", &["the U.S. “clearly” needs a new air campaign"], Mixed),
        named("title and role before the name", "Armenian Prime Minister Nikol Pashinyan said that the alliance had failed.", "Armenian Prime Minister Nikol Pashinyan", "Nikol Pashinyan", "said", &["the alliance had failed"], Indirect),
        case("government by its capital", "Washington warned Tehran that sanctions would follow.", "Washington", "warned", &["sanctions would follow"], Indirect),
        case("belief cue", "Many economists believe the recession will be short.", "Many economists", "believe", &["the recession will be short"], Indirect),
        case("progressive cue", "The mayor is demanding that the state pay for the repairs.", "The mayor", "demanding", &["the state pay for the repairs"], Indirect),
        Case {
            name: "nominal cue with a possessive owner",
            text: "The senator dismissed Ms. Ortega's claim that the budget was balanced.",
            nth: 1,
            speaker: "Ms. Ortega's",
            canonical: "Ortega",
            cue: Some("claim"),
            content: &["the budget was balanced"],
            kind: Indirect,
            when: None,
            source: None,
        },
        case("speaker label before a colon", "KOWALSKI: We have never seen turnout like this before.", "KOWALSKI", ":", &["We have never seen turnout like this before"], Mixed),
        Case {
            name: "according to, with the report as the source and its date",
            text: "According to a report by the Daily Ledger on March 3, the factory closed after a fire.",
            nth: 0,
            speaker: "the Daily Ledger",
            canonical: "Daily Ledger",
            cue: Some("According to"),
            content: &["the factory closed after a fire"],
            kind: AccordingTo,
            when: Some("2024-03-03"),
            source: Some("a report by the Daily Ledger"),
        },
        case("according to after the content", "The dam is leaking, according to engineers at the site.", "engineers at the site", "according to", &["The dam is leaking"], AccordingTo),
        Case {
            name: "medium between cue and content",
            text: "Last week, Maria Lind declared in an interview that the reform had come too late.",
            nth: 0,
            speaker: "Maria Lind",
            canonical: "Maria Lind",
            cue: Some("declared"),
            content: &["the reform had come too late"],
            kind: Indirect,
            when: Some("2024-W9"),
            source: Some("in an interview"),
        },
        Case {
            source: Some("in a video message"),
            ..case("a compound medium after the clause", "The party had never been closer to the majority, she said in a video message to the delegates.", "she", "said", &["The party had never been closer to the majority"], Indirect)
        },
        Case {
            name: "nested claim inherits the report's time and medium",
            text: "According to a report by the Daily Ledger on March 3, the factory closed after a fire. In response, the plant manager said that no one was hurt.\nThe union said the plant should reopen.",
            nth: 1,
            speaker: "the plant manager",
            canonical: "the plant manager",
            cue: Some("said"),
            content: &["no one was hurt"],
            kind: Indirect,
            when: Some("2024-03-03"),
            source: Some("a report by the Daily Ledger"),
        },
        Case {
            name: "a time anchored on an event",
            text: "Just after the end of the strike, the union said that it would sign.",
            nth: 0,
            speaker: "the union",
            canonical: "the union",
            cue: Some("said"),
            content: &["it would sign"],
            kind: Indirect,
            when: Some(""),
            source: None,
        },
        Case {
            name: "pronoun speaker resolved to the earlier speaker",
            text: "Defense Minister Karen Aslanyan said the army was ready. He added that reserves would not be called up.",
            nth: 1,
            speaker: "He",
            canonical: "Karen Aslanyan",
            cue: Some("added"),
            content: &["reserves would not be called up"],
            kind: Indirect,
            when: None,
            source: None,
        },
        Case {
            name: "name variants merged under one canonical name",
            text: "Prime Minister Nikol Pashinyan spoke in Yerevan.\nLater, Pashnyan said that the talks had stalled.",
            nth: 0,
            speaker: "Pashnyan",
            canonical: "Nikol Pashinyan",
            cue: Some("said"),
            content: &["the talks had stalled"],
            kind: Indirect,
            when: Some(""),
            source: None,
        },
        Case {
            name: "cue-less quote of the paragraph's speaker",
            text: "The coach said the team had played badly.\n“We were slow and we were careless all night.”",
            nth: 1,
            speaker: "",
            canonical: "The coach",
            cue: None,
            content: &["“We were slow and we were careless all night.”"],
            kind: Direct,
            when: None,
            source: None,
        },
        case("a naming cue with its object", "The union called the offer “an insult to every nurse.”", "The union", "called", &["the offer “an insult to every nurse.”"], Mixed),
        case("a colon ending its paragraph introduces the next", "The coach added:\n\nNobody on this team gives up in the second half.\n\nThe match is on Sunday.", "The coach", "added", &["Nobody on this team gives up in the second half"], Mixed),
        named("a relative pronoun speaks for its antecedent", "The march was led by Senator Ana Ruiz, who said the plan would fail.", "who", "Ana Ruiz", "said", &["the plan would fail"], Indirect),
        Case {
            name: "a time between the subject and the cue",
            text: "Mayor Ilse Brandt on Tuesday said the tunnel would open in May.",
            nth: 0,
            speaker: "Mayor Ilse Brandt",
            canonical: "Ilse Brandt",
            cue: Some("said"),
            content: &["the tunnel would open in May"],
            kind: Indirect,
            when: Some("2024-03-05"),
            source: None,
        },
        case("a share of a poll speaks", "Another 19 percent said they would stay home on election day.", "Another 19 percent", "said", &["they would stay home on election day"], Indirect),
        case("a speech participle after an opening adverbial", "Meanwhile, Greenpeace attacked the plan, saying it “punishes the lowest paid.”", "Greenpeace", "saying", &["it “punishes the lowest paid.”"], Mixed),
        case("a manner adverb before the cue", "Defence lawyers successfully argued that the search had been illegal.", "Defence lawyers", "argued", &["the search had been illegal"], Indirect),
        case("an object verb that reports a clause", "The ministry announced it would close three border posts.", "The ministry", "announced", &["it would close three border posts"], Indirect),
        case("a report about an advertisement is no page furniture", "Holm said the advertisement misled voters.", "Holm", "said", &["the advertisement misled voters"], Indirect),
        named("an inverted speaker with party and state", "\"The bill protects families,\" said Sen. Ada Marsh (D-Ore.), who wrote it.", "Sen. Ada Marsh", "Ada Marsh", "said", &["\"The bill protects families,\""], Direct),
        case("a survey framing the sentence", "In the latest survey, support for the tunnel has fallen to 41 percent.", "the latest survey", "In", &["support for the tunnel has fallen to 41 percent"], AccordingTo),
        case("a naming cue with an unquoted complement", "The senator called the bill a gift to insurers.", "The senator", "called", &["the bill a gift to insurers"], Indirect),
        case("a stance verb with a one-word object", "The union endorsed Okafor.", "The union", "endorsed", &["Okafor"], Indirect),
        case("an inverted speaker with a relative clause", "\"Nobody expected the vote to be this close,\" said a party strategist who spoke on the condition of anonymity.", "a party strategist", "said", &["\"Nobody expected the vote to be this close,\""], Direct),
        case("a question quote ends its sentence before the cue", "“Who would have believed we would get this far?” Mara Quinn said.", "Mara Quinn", "said", &["“Who would have believed we would get this far?”"], Direct),
        case("a manner adverb after the cue", "\"Nobody reads the fine print,\" Pavel Orlov said drily.", "Pavel Orlov", "said", &["\"Nobody reads the fine print,\""], Direct),
        case("a subject with an appositive", "Farmers say the scheme, run by the ministry, has cost them a season.", "Farmers", "say", &["the scheme, run by the ministry, has cost them a season"], Indirect),
        case("a subject with a relative clause", "She said workers who retire early would lose the bonus.", "She", "said", &["workers who retire early would lose the bonus"], Indirect),
        case("a subject that is also a cue noun", "Ortiz said criticism from the union would not change the plan.", "Ortiz", "said", &["criticism from the union would not change the plan"], Indirect),
        case("a present verb after a plural subject", "The mayor said residents still want a new bridge.", "The mayor", "said", &["residents still want a new bridge"], Indirect),
        Case {
            name: "a quote over several paragraphs, closed only in the last",
            text: "“The first winter was hard,” said Lena Ortiz. “We had no heat.\n“Then the neighbours came with blankets.”",
            nth: 0,
            speaker: "Lena Ortiz",
            canonical: "Lena Ortiz",
            cue: Some("said"),
            content: &["“The first winter was hard,”", "“We had no heat.\n“Then the neighbours came with blankets.”"],
            kind: Direct,
            when: None,
            source: None,
        },
        case("an infinitive content ends before a verb coordinated with the cue", "The agency urged drivers to stay home but also said the roads were clear.", "The agency", "urged", &["drivers to stay home"], Indirect),
        Case { nth: 1, ..case("the coordinated verb reports a claim of its own", "The agency urged drivers to stay home but also said the roads were clear.", "The agency", "said", &["the roads were clear"], Indirect) },
        named("a relative pronoun is the mention, its unnamed antecedent the name", "Among the critics were liberals, who said the cuts were cruel.", "who", "liberals", "said", &["the cuts were cruel"], Indirect),
        case("a quote that closes on its own comma ends the content", "The senator said “We will see,” when asked about a second term.", "The senator", "said", &["“We will see,”"], Direct),
        named("a participle after the reporting clause is about the speaker", "“The count was fair,” said Omar Haddad, pleased that the recount had ended.", "Omar Haddad", "Omar Haddad", "said", &["“The count was fair,”"], Direct),
        Case {
            name: "a reporting clause with only asides reports the quote of the next sentence",
            text: "Officials said in a statement. “The bridge is closed until further notice.”",
            nth: 0,
            speaker: "Officials",
            canonical: "Officials",
            cue: Some("said"),
            content: &["“The bridge is closed until further notice.”"],
            kind: Direct,
            when: None,
            source: Some("in a statement"),
        },
        case("the next sentence's quote continues a quote before the cue instead", "“The bridge is closed,” officials said. “It will reopen in May.”", "officials", "said", &["“The bridge is closed,”", "“It will reopen in May.”"], Direct),
        case("a sentence-opening adverb is no name", "Whenever the river flooded, the families issued a letter, warning that the plant would close.", "the families", "warning", &["the plant would close"], Indirect),
        Case {
            name: "an object ends before the preposition of a time",
            text: "Pastor Dan Miller endorsed the senator on Monday.",
            nth: 0,
            speaker: "Pastor Dan Miller",
            canonical: "Pastor Dan Miller",
            cue: Some("endorsed"),
            content: &["the senator"],
            kind: Indirect,
            when: Some("2024-03-04"),
            source: None,
        },
        case("a town is a government that speaks", "The town released a statement saying the water was safe.", "The town", "saying", &["the water was safe"], Indirect),
        named("a clause with its own subject after a quote closed on its comma ends the content", "Mr. Trump said he was ''the perfect messenger,'' and he repeated his claim that the vote was rigged.", "Mr. Trump", "Trump", "said", &["he was ''the perfect messenger,''"], Mixed),
        case("a quoted term put to use", "The senator used the word “betrayal” to describe the deal.", "The senator", "used", &["“betrayal”"], Direct),
        case("a quoted phrase put to use, without a noun for it", "The ministry has used “a frozen conflict” to refer to the border dispute.", "The ministry", "used", &["“a frozen conflict”"], Direct),
        case("a time that modifies a noun stays in the object", "The governor criticized the mayor's 2019 budget for its cuts.", "The governor", "criticized", &["the mayor's 2019 budget for its cuts"], Indirect),
        case("a particle, then a clause", "Critics pointed out that the plan had no funding.", "Critics", "pointed", &["the plan had no funding"], Indirect),
        case("an aspect verb and \"to\" before the cue", "The governor continued to say that the budget was balanced.", "The governor", "say", &["the budget was balanced"], Indirect),
        named("\"went on to\" before the cue", "Trump went on to argue that the polls were wrong.", "Trump", "Trump", "argue", &["the polls were wrong"], Indirect),
        case("a phrasal cue with a clause", "The mayor made it clear that she would not resign.", "The mayor", "made it clear", &["she would not resign"], Indirect),
        case("a phrasal cue with an object", "The senator took aim at the new tariffs.", "The senator", "took aim at", &["the new tariffs"], Indirect),
        case("a one-word object after a particle, a time after it", "Sanders has been talking about inequality for decades.", "Sanders", "talking", &["inequality"], Indirect),
        case("\"as X put it\" before a quote", "As the mayor put it, “Nobody wins a flood.”", "the mayor", "put it", &["“Nobody wins a flood.”"], Direct),
        case("a survey shows an object", "A new poll shows the mayor leading her rival by five points.", "A new poll", "shows", &["the mayor leading her rival by five points"], Indirect),
        Case {
            name: "a poll frame closed by a time",
            text: "In a Register poll last month, the senator had a ten-point lead.",
            nth: 0,
            speaker: "a Register poll",
            canonical: "Register",
            cue: Some("In"),
            content: &["the senator had a ten-point lead"],
            kind: AccordingTo,
            when: Some("2024-02"),
            source: None,
        },
        case("a speaker with an adjective and its complement after the noun", "The talks will resume next week, a source close to him said.", "a source close to him", "said", &["The talks will resume next week"], Indirect),
        case("a speaker familiar with something", "An official familiar with the talks said the deal was close.", "An official familiar with the talks", "said", &["the deal was close"], Indirect),
        case("a parenthetical adverb between subject and cue", "The mayor, for example, said the plan works.", "The mayor", "said", &["the plan works"], Indirect),
        named("a capitalized act noun is part of a name", "“We lost,” said Civic Decisions analyst Ana Ruiz.", "Civic Decisions analyst Ana Ruiz", "Ana Ruiz", "said", &["“We lost,”"], Direct),
        case("an aside between dashes before the cue", "Many people at the service — farmers, teachers, nurses — said the loss was painful.", "Many people at the service", "said", &["the loss was painful"], Indirect),
        named("an inverted speaker, then a clause about when", "“It is treason,” said voter Dan Golvach when asked about the senator.", "voter Dan Golvach", "Dan Golvach", "said", &["“It is treason,”"], Direct),
        case("a preposition after the cue opens no content", "''I am going to win,'' he said aboard his campaign plane as he crossed the state.", "he", "said", &["''I am going to win,''"], Direct),
        case("a percentage as the speaker", "On economic issues, 42% say they are liberal.", "42%", "say", &["they are liberal"], Indirect),
        named("a speaker briefed on something", "People briefed on the move said that it reflected a crisis.", "People briefed on the move", "People", "said", &["it reflected a crisis"], Indirect),
        case("a collective quantity takes its complement's kind", "Defending that terrain is within his reach, said a handful of Democrats.", "a handful of Democrats", "said", &["Defending that terrain is within his reach"], Indirect),
        case("the people surveyed", "By double digits, those surveyed say stricter gun laws would help.", "those surveyed", "say", &["stricter gun laws would help"], Indirect),
        case("a subordinate clause opens the content after a comma", "She said, if elected, she would ask the vice president to lead the effort.", "She", "said", &["if elected, she would ask the vice president to lead the effort"], Indirect),
        case("a quote before a speech cue, whatever follows the clause", "“There is no question I am getting special scrutiny,” the candidate told CBS’ Face the Nation in a long interview.", "the candidate", "told", &["“There is no question I am getting special scrutiny,”"], Direct),
        case("a count of people as the speaker", "One in five say the plan will fail.", "One in five", "say", &["the plan will fail"], Indirect),
        // (The content has a finite verb the rules read: "taxing consumption encourages savings"
        // is a clause only the cue model reads, and so moves with each retraining.)
        case("a comparison between subject and cue", "Democratic economists, like their Republican counterparts, say a tax on consumption would encourage savings.", "Democratic economists", "say", &["a tax on consumption would encourage savings"], Indirect),
        named("whom it is about, before a colon", "Williams added about Carson: “He feels sorry for him.”", "Williams", "Williams", "added", &["“He feels sorry for him.”"], Direct),
        case("an adjective the auxiliary list holds, in a named object", "The governor called the long lines \"unacceptable.\"", "The governor", "called", &["the long lines \"unacceptable.\""], Mixed),
        case("a one-word complement of a naming", "The senator called him divisive and accused him of lying.", "The senator", "called", &["divisive"], Indirect),
        Case { nth: 1, ..case("a participle after a comma takes what follows it", "Warren endorsed the mayor, saying, “She is a fighter.”", "Warren", "saying", &["“She is a fighter.”"], Direct) },
        case("an \"as\" frame marks the content after its comma", "As the newspaper reported, even if the mayor won, she would need a coalition.", "the newspaper", "reported", &["even if the mayor won, she would need a coalition"], Indirect),
        named("whom it was written to, then a quote", "When the mayor was booed, Canova wrote to his Twitter followers, “It is time to end her career.”", "Canova", "Canova", "wrote", &["“It is time to end her career.”"], Direct),
        named("a quoted sentence opening with \"As\" is no frame", "\"Let me be clear. As president, I will not be neutral,\" Cruz said, in another shot at his rival.", "Cruz", "Cruz", "said", &["\"Let me be clear. As president, I will not be neutral,\""], Direct),
        Case {
            name: "a title after a titled medium is the medium's",
            text: "“Being a dad, that is my job,” Weiner said on the podcast “Here’s the Thing.”",
            nth: 0,
            speaker: "Weiner",
            canonical: "Weiner",
            cue: Some("said"),
            content: &["“Being a dad, that is my job,”"],
            kind: Direct,
            when: None,
            source: Some("on the podcast “Here’s the Thing.”"),
        },
        named("a named appositive subject outweighs a role after the cue", "The mayor's former aide, Corey Lewis, said the staff member who replaced him should be fired.", "Corey Lewis", "Corey Lewis", "said", &["the staff member who replaced him should be fired"], Indirect),
        named("a floating quantifier belongs to the verb group", "Senator Ana Ruiz and Governor Tom Alder have both said the plan would fail.", "Senator Ana Ruiz and Governor Tom Alder", "Tom Alder", "said", &["the plan would fail"], Indirect),
        Case { nth: 1, ..case("\"that\" before a plural opens a clause, not a speaker phrase", "The report found that experts say the wall would not work.", "experts", "say", &["the wall would not work"], Indirect) },
        case("a piece ending in a verb goes on after the reporting clause", "It was, he said, one of the bitterest failures of his presidency.", "he", "said", &["It was", "one of the bitterest failures of his presidency"], Indirect),
        case("one word goes on after the reporting clause", "That, they say, will be easier when he is isolated.", "they", "say", &["That", "will be easier when he is isolated"], Indirect),
        Case {
            name: "an inverted speaker, then the medium",
            text: "“Our convention occurs at a moment of crisis,” said Trump in his speech.",
            nth: 0,
            speaker: "Trump",
            canonical: "Trump",
            cue: Some("said"),
            content: &["“Our convention occurs at a moment of crisis,”"],
            kind: Direct,
            when: None,
            source: Some("in his speech"),
        },
        case("a quote opening inside the sentence ends a mixed content", "Gore tried to distance himself, and in doing so he \"made a strategic mistake,\" the historian said.", "the historian", "said", &["Gore tried to distance himself, and in doing so he \"made a strategic mistake,\""], Mixed),
        case("a phrasal cue in its gerund form", "The campaign is firing back at the critics of the plan.", "The campaign", "firing back at", &["the critics of the plan"], Indirect),
        case("an object content ends before a coordinated verb", "The minister promised a full review and asked the auditors to begin at once.", "The minister", "promised", &["a full review"], Indirect),
        case("a gerund's object ends before a coordinated gerund", "The coalition is welcoming the new funds, and calling for a second round of talks.", "The coalition", "welcoming", &["the new funds"], Indirect),
        case("a quoted word after an inverted phrase is no speaker", "Jean Dupont, the minister, said Iran's latest \"provocation\" was unacceptable.", "Jean Dupont", "said", &["Iran's latest \"provocation\" was unacceptable"], Mixed),
        case("the people before a relative clause speak", "One of the doctors who signed the letter called the host a fraud.", "One of the doctors", "called", &["the host a fraud"], Indirect),
        named("a subject past an aside between hyphens", "Ms. Reyes -- a former aide to the governor -- said the plan would fail.", "Ms. Reyes", "Reyes", "said", &["the plan would fail"], Indirect),
        named("a subject past an aside between single hyphens", "Councilman Joe Park - who once ran the agency - said that the audit was late.", "Councilman Joe Park", "Joe Park", "said", &["the audit was late"], Indirect),
        case("according to a source the lexicon does not know", "The plant will close in March, according to two people in the meeting.", "two people in the meeting", "according to", &["The plant will close in March"], AccordingTo),
        case("according to an unknown document", "Wages rose faster in the north, according to one regional index.", "one regional index", "according to", &["Wages rose faster in the north"], AccordingTo),
        case("a report inside a relative clause, its pronoun the subject", "The new fees, which officials said will take effect in May, apply to all visitors.", "officials", "said", &["will take effect in May"], Indirect),
        case("a report inside a relative clause with no comma", "The man who she says is her uncle was never found.", "she", "says", &["is her uncle"], Indirect),
        case("a fraction of people speaks", "Nearly half say the schools have improved.", "Nearly half", "say", &["the schools have improved"], Indirect),
        case("a fraction that reads like a time speaks", "About a quarter said they had not decided.", "About a quarter", "said", &["they had not decided"], Indirect),
        case("coordinated plural people speak as one", "Turnout was low in the north, teachers and union officials told reporters.", "teachers and union officials", "told", &["Turnout was low in the north"], Indirect),
        case("a relative clause about the speaker between commas", "One resident, who like others spoke on the condition of anonymity, said the water tasted of metal.", "One resident", "said", &["the water tasted of metal"], Indirect),
        case("a continuation after a mid-sentence clause opens with a determiner", "Unless the council acts soon, engineers say, the bridge could close by winter.", "engineers", "say", &["Unless the council acts soon", "the bridge could close by winter"], Indirect),
        case("what a study finds, without that", "One study found the levy would cost each household $300 a year.", "One study", "found", &["the levy would cost each household $300 a year"], Indirect),
        case("what a panel finds, as an object", "A study by two economists found 40 cases of fraud in a million claims.", "A study by two economists", "found", &["40 cases of fraud in a million claims"], Indirect),
        case("people with a coordinated complement speak", "Many experts on trade and on tax policy said the tariff would raise prices.", "Many experts on trade and on tax policy", "said", &["the tariff would raise prices"], Indirect),
        named("a participle as a title", "“We will hold the line,” retired general Anna Ruiz said.", "retired general Anna Ruiz", "Anna Ruiz", "said", &["“We will hold the line,”"], Direct),
        case("a determiner alone before a postnominal adjective", "Those close to the mayor say she will not run again.", "Those close to the mayor", "say", &["she will not run again"], Indirect),
        case("a relative clause with a pronoun subject after the speaker", "Most of the farmers we interviewed said the rain came too late.", "the farmers", "said", &["the rain came too late"], Indirect),
        named("a participle's speaker past an appositive", "Ortiz, a nurse, later went on television and began by saying the clinic was safe.", "Ortiz", "Ortiz", "saying", &["the clinic was safe"], Indirect),
        case("after \"with\", the phrase before a participle speaks", "The measure passed easily, with most residents saying it was overdue.", "most residents", "saying", &["it was overdue"], Indirect),
        case("after \"with\", a count before a participle speaks", "Turnout was high, with three in 10 saying they had never voted before.", "three in 10", "saying", &["they had never voted before"], Indirect),
        case("a subject and its appositive after an opening function word", "Even Moreno, a longtime ally of the mayor, said the plan was rushed.", "Moreno", "said", &["the plan was rushed"], Indirect),
        case("a title after \"of\" is a noun, not a cue", "The secretary of state said the talks would resume in May.", "The secretary of state", "said", &["the talks would resume in May"], Indirect),
        named("a name appositive with its own complement", "One teacher at the school, Maria Lopez of Central High in Dayton, said the roof leaked.", "Maria Lopez of Central High in Dayton", "Maria Lopez", "said", &["the roof leaked"], Indirect),
        case("a count of the people a pronoun names", "Until the plant closed, most of them said they liked the work.", "most of them", "said", &["they liked the work"], Indirect),
        Case { nth: 1, ..named("a share of people before a relative pronoun", "The poll found wide doubts, including 18% who say the count was rigged.", "who", "18%", "say", &["the count was rigged"], Indirect) },
        Case { when: Some("2019"), ..case("an as-frame whose subject carries a year", "As a city study from 2019 noted, most of the pipes were older than 80 years.", "a city study", "noted", &["most of the pipes were older than 80 years"], Indirect) },
        case("a count of the form \"nine out of 10\" speaks", "Nearly nine out of 10 say the roads have worsened.", "Nearly nine out of 10", "say", &["the roads have worsened"], Indirect),
        case("a hyphenated adjective in the speaker phrase", "“The mayor must resign,” the conservative-leaning newspaper wrote.", "the conservative-leaning newspaper", "wrote", &["“The mayor must resign,”"], Direct),
        named("a participle's speaker after an opening conjunction", "And then Ms. Ortiz went on the attack, saying the budget was a fraud.", "Ms. Ortiz", "Ortiz", "saying", &["the budget was a fraud"], Indirect),
        case("a coordinated cue's subject after an opening conjunction", "But the appeals court overruled the judge and said the law could stand.", "the appeals court", "said", &["the law could stand"], Indirect),
        case("a hedged number of people speaks", "In the end, at least 2,000 said they would march.", "at least 2,000", "said", &["they would march"], Indirect),
        case("someone speaks", "Someone told the mayor that the bridge was unsafe.", "Someone", "told", &["the bridge was unsafe"], Indirect),
        named("an inverted speaker coordinated with others", "The cost, said Ms. Park and two aides, would be shared.", "Ms. Park and two aides", "Park", "said", &["The cost", "would be shared"], Indirect),
        case("according to a source, then a colon", "According to the county clerk: “Every ballot will be counted.”", "the county clerk", "According to", &["“Every ballot will be counted.”"], AccordingTo),
        case("a count of a relative pronoun's people", "The senators, most of whom said they would vote no, left early.", "most of whom", "said", &["they would vote no"], Indirect),
        case("what someone wants, as an object", "The growers want lower water prices.", "The growers", "want", &["lower water prices"], Indirect),
        case("a naming whose object has complements and conjuncts", "Critics called the delay and the cost of the new bridge a scandal.", "Critics", "called", &["the delay and the cost of the new bridge a scandal"], Indirect),
        case("a naming whose long object ends at the quoted name", "Critics called the plan of the mayor and his aides “reckless.”", "Critics", "called", &["the plan of the mayor and his aides “reckless.”"], Mixed),
        Case { nth: 1, ..case("a naming whose object is a relative pronoun", "She praised the new judge, whom she described as “fair and careful,” at the dinner.", "she", "described", &["whom", "as “fair and careful,”"], Mixed) },
        case("a naming of what, without a quote", "He attacked what he called a witch hunt.", "he", "called", &["what", "a witch hunt"], Indirect),
        case("an as-frame after an opening conjunction", "And as the mayor noted, the new rules have a real, lasting effect on renters.", "the mayor", "noted", &["the new rules have a real, lasting effect on renters"], Indirect),
        named("a speech verb with a noun phrase for what is said", "Ms. Ruiz acknowledged her rival's strong showing.", "Ms. Ruiz", "Ruiz", "acknowledged", &["her rival's strong showing"], Indirect),
        case("evidence past its participle and agent", "A poll released by the campaign shows her leading in the north.", "A poll released by the campaign", "shows", &["her leading in the north"], Indirect),
        case("a fraction in fourths speaks", "Three-fourths say the city should act.", "Three-fourths", "say", &["the city should act"], Indirect),
        named("a subject past a long parenthesis", "Sen. Ana Reyes (a first-term Democrat so young she is often taken for an intern) says the bill will pass.", "Sen. Ana Reyes", "Ana Reyes", "says", &["the bill will pass"], Indirect),
        case("a share restated between commas speaks", "Just under half, 48%, say the schools are getting worse.", "48%", "say", &["the schools are getting worse"], Indirect),
        case("what exit polling showed", "In the state, exit polling showed that turnout was up in every county.", "exit polling", "showed", &["turnout was up in every county"], Indirect),
        Case { nth: 1, ..named("a participle's speaker past a fronted time", "Hours later, Ms. Vance thanked the donors, telling reporters, “We could not have done it without them.”", "Ms. Vance", "Vance", "telling", &["“We could not have done it without them.”"], Direct) },
        case("a participle's speaker past a fronted adverbial", "Early in the race, Ortega attacked his rival, calling him “a puppet of the banks.”", "Ortega", "calling", &["“a puppet of the banks.”"], Mixed),
        Case { nth: 1, ..case("a participle's speaker is the main clause's subject", "The retired judge has given few details about how he planned to run the inquiry, saying only that he was reviewing the files.", "The retired judge", "saying", &["he was reviewing the files"], Indirect) },
        Case { when: Some("2024-W10"), ..case("adverbs before a time between subject and cue", "The bank just this week announced it would close two branches.", "The bank", "announced", &["it would close two branches"], Indirect) },
        case("an as-aside inside its content", "The river, as one engineer pointed out, normally does not rise in the spring.", "one engineer", "pointed", &["The river", "normally does not rise in the spring"], Indirect),
        case("an as-frame with its particle and a phrase", "As one analyst pointed out with a simple chart, the deficit keeps growing.", "one analyst", "pointed", &["the deficit keeps growing"], Indirect),
        case("a naming whose object opens with a time's possessive", "The chairman called Friday's ruling a huge win for renters.", "The chairman", "called", &["Friday's ruling a huge win for renters"], Indirect),
        Case { when: Some("2024-03-08"), ..case("a time between the cue and its particle", "The chairman called Friday for releasing the videos.", "The chairman", "called", &["releasing the videos"], Indirect) },
        case("a manner adverb before the gerund after a particle", "The union has called for quickly raising the minimum wage.", "The union", "called", &["quickly raising the minimum wage"], Indirect),
        case("a participle between determiner and noun, past a relative clause", "The tracking poll, which surveys voters every week, showed that the mayor leads.", "The tracking poll", "showed", &["the mayor leads"], Indirect),
        case("an irregular past participle after a perfect", "Crime has fallen in the city, other studies have shown.", "other studies", "shown", &["Crime has fallen in the city"], Indirect),
        Case { nth: 0, ..case("a participle's speaker past an opening participle", "Emboldened by the polls, as well as by the rally, the mayor attacked her rival, saying she would win easily.", "the mayor", "saying", &["she would win easily"], Indirect) },
        case("a possessive run into a quote after the cue is content", "The senator said the agency's newest \"rules cannot stand without a vote.\"", "The senator", "said", &["the agency's newest \"rules cannot stand without a vote.\""], Mixed),
        case("a headline's title case has capitalized verbs in its content", "Mayor Says City Will Rebuild The Old Bridge.\n\nThe work starts in May.", "Mayor", "Says", &["City Will Rebuild The Old Bridge"], Indirect),
        case("people with what they have speak", "By then, officials with knowledge of the talks said a deal was close.", "officials with knowledge of the talks", "said", &["a deal was close"], Indirect),
        case("a subject past a relative clause with whose", "The farmers whose land was flooded say the levee failed.", "The farmers", "say", &["the levee failed"], Indirect),
        case("declining to comment is the claim, not a cue for what came before", "Through a spokesman, the governor declined to comment.", "the governor", "declined", &["to comment"], Indirect),
        case("a naming of her, then an article", "The donor called her a hero of the movement.", "The donor", "called", &["a hero of the movement"], Indirect),
        case("a naming of a reflexive", "The mayor called himself a moderate.", "The mayor", "called", &["a moderate"], Indirect),
        case("a named object with a complement about something", "The speaker called the remarks about the judge “racist.”", "The speaker", "called", &["the remarks about the judge “racist.”"], Mixed),
        case("a study by someone finds what comes before", "Pupils sit 40 exams before they finish school, a study by the union found.", "a study by the union", "found", &["Pupils sit 40 exams before they finish school"], Indirect),
        case("a question put to someone", "“But why?” the teacher asked him.", "the teacher", "asked", &["“But why?”"], Direct),
        case("a child speaks", "“Where is the river?” asked the boy.", "the boy", "asked", &["“Where is the river?”"], Direct),
        case("the plural of a body", "The agencies declined to release the names of the victims.", "The agencies", "declined", &["to release the names of the victims"], Indirect),
        case("an adverb of degree before an object cue", "The engineers generally praised the city's plan to fix the roads.", "The engineers", "praised", &["the city's plan to fix the roads"], Indirect),
        Case { when: Some("PAST_REF"), ..case("an aside between commas before that", "The mayor continues to insist, most recently in an interview with a radio station, that the budget is balanced.", "The mayor", "insist", &["the budget is balanced"], Indirect) },
        case("an object's infinitive past a time", "The donor announced plans this week to give another million dollars to the school.", "The donor", "announced", &["plans this week to give another million dollars to the school"], Indirect),
        case("a poll frame with a participle and an aside", "In the state poll released by the college, conducted by telephone, the mayor led by five points.", "the state poll", "In", &["the mayor led by five points"], AccordingTo),
        case("whom it was written to closes the clause", "The files are stored in a secure room, the director wrote Linick.", "the director", "wrote", &["The files are stored in a secure room"], Indirect),
        named("to whom it was explained, then why", "Sam Jacobs, the magazine's editor, explained to CBS why the chancellor was chosen.", "Sam Jacobs", "Sam Jacobs", "explained", &["why the chancellor was chosen"], Indirect),
        named("a quote signed in the next paragraph", "\"Most new income goes to the top 1 percent.\"\n\n- Jane Doe, speaking in Ohio.\n\nThe figure is old.", "Jane Doe", "Jane Doe", "-", &["\"Most new income goes to the top 1 percent.\""], Direct),
        named("a quote signed with a hyphen between spaces", "\"Most new income goes to the top 1 percent.\" - Jane Doe\n\nThe figure is old.", "Jane Doe", "Jane Doe", "-", &["\"Most new income goes to the top 1 percent.\""], Direct),
        Case { nth: 1, ..named("a concession that reports again is a claim of its own", "The mayor said the budget is balanced, though she noted that the pension fund is short.", "she", "The mayor", "noted", &["the pension fund is short"], Indirect) },
        case("the claim before a concession that reports again", "The mayor said the budget is balanced, though she noted that the pension fund is short.", "The mayor", "said", &["the budget is balanced"], Indirect),
        Case { when: Some("2023-07"), ..case("according to a phrase opened by a time's possessive", "According to July's state polling, more than half of her support comes from women.", "July's state polling", "According to", &["more than half of her support comes from women"], AccordingTo) },
        case("according to some, with where they are", "According to some on Twitter, the anchor was tired.", "some on Twitter", "According to", &["the anchor was tired"], AccordingTo),
        Case { when: Some("PAST_REF"), ..case("according to a phrase opened by an adverb", "But according to recently leaked party documents, the leaders court the same donors.", "recently leaked party documents", "according to", &["the leaders court the same donors"], AccordingTo) },
        case("a subject past coordinated relative clauses", "Another worshiper who prayed at the center and who did not want to be named said the preacher spoke of war.", "Another worshiper", "said", &["the preacher spoke of war"], Indirect),
        named("a nominal cue's owner inside a prepositional phrase", "The paper ran a fact-check on Senator Ruiz's claim that crime doubled last year.", "Senator Ruiz's", "Ruiz", "claim", &["crime doubled last year"], Indirect),
        named("a stance adjective before a name is a title", "Democratic presidential hopeful Jane Doe called for new taxes on the rich.", "Jane Doe", "Jane Doe", "called", &["new taxes on the rich"], Indirect),
        Case { when: Some(""), ..case("an event time past an opener and its comma", "In fact, just after the end of the strike, the union said that it might leave the federation.", "the union", "said", &["it might leave the federation"], Indirect) },
        named("a coordinated participle phrase is no subject", "Meanwhile, Mayor Dana Cole has sought to calm residents, painting the critics as alarmist and suggesting that the city would rebuild.", "Mayor Dana Cole", "Dana Cole", "suggesting", &["the city would rebuild"], Indirect),
    ]
}

fn run(text: &str) -> Extraction {
    let engine = Engine::default();
    let doc = Document { id: "golden", text, published: NaiveDate::from_ymd_opt(2024, 3, 10) };
    engine.extract(&doc).expect("golden texts are valid documents")
}

fn describe(text: &str, c: &Claim) -> String {
    format!(
        "{:?} speaker={:?} name={:?} cue={:?} content={:?}",
        c.kind,
        c.speaker.span.map(|s| s.of(text)),
        c.speaker.name,
        c.cue.map(|s| s.of(text)),
        c.content.iter().map(|s| s.of(text)).collect::<Vec<_>>()
    )
}

#[test]
fn golden_table() {
    let mut failures = Vec::new();
    for case in table() {
        let ex = run(case.text);
        let Some(claim) = ex.claims.get(case.nth) else {
            failures.push(format!("{}: no claim #{} in {:?}", case.name, case.nth, ex.claims.iter().map(|c| describe(case.text, c)).collect::<Vec<_>>()));
            continue;
        };
        let text = case.text;
        let got_speaker = claim.speaker.span.map_or("", |s| s.of(text));
        let got_content: Vec<&str> = claim.content.iter().map(|s| s.of(text)).collect();
        let ok = got_speaker == case.speaker
            && claim.speaker.name == case.canonical
            && claim.cue.map(|s| s.of(text)) == case.cue
            && got_content == case.content
            && claim.kind == case.kind
            && claim.when.as_ref().map(|t| t.value.as_str()) == case.when
            && claim.source.as_ref().map(|s| s.span.of(text)) == case.source;
        if !ok {
            failures.push(format!(
                "{}: got {} when={:?} source={:?}",
                case.name,
                describe(text, claim),
                claim.when.as_ref().map(|t| &t.value),
                claim.source.as_ref().map(|s| s.span.of(text))
            ));
        }
    }
    assert!(failures.is_empty(), "{} golden cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn states_before_a_relative_clause_are_no_cue() {
    let text = "Nine states that will hold primaries next month have large rural populations.";
    let ex = run(text);
    assert!(ex.claims.is_empty(), "{:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
}

#[test]
fn page_notes_and_perfect_participles_are_no_speakers() {
    for text in ["CLARIFICATION: The first sentence has been changed to reflect what the mayor proposed.", "Having said that, there are some economists who think taxes should be lower."] {
        let ex = run(text);
        assert!(ex.claims.iter().all(|c| !matches!(c.speaker.span.map(|s| s.of(text)), Some("CLARIFICATION" | "Having"))), "{text}: {:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
    }
}

#[test]
fn pronouns_go_to_the_speaker_they_can_stand_for() {
    // (text, the last claim's speaker mention and name)
    let cases = [
        // "She" passes over the latest speaker, a man.
        ("Mayor Susan Ortiz said the budget was balanced. Council member Donald Reyes said the pension fund was short. She said the fund would be repaid.", "She", "Susan Ortiz"),
        // With no speaker before it, the sentence's named subject.
        ("Mayor Susan Ortiz has been frank in her acknowledgment that the budget is short.", "her", "Susan Ortiz"),
        // Nothing in "Robin Vale" says a gender; "He" does, and the later "she" is someone else.
        ("Robin Vale said the port would reopen. He said the cranes were fixed. Later she said the cranes were broken.", "she", "she"),
    ];
    for (text, mention, name) in cases {
        let ex = run(text);
        let last = ex.claims.last().expect("a claim");
        assert_eq!((last.speaker.span.map(|s| s.of(text)), last.speaker.name.as_str()), (Some(mention), name), "{text:?} gave {:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
    }
}

#[test]
fn a_quoted_title_alone_is_no_claim() {
    // A quote that stands alone goes to the paragraph's last speaker, unless it is a title.
    let said = run("Smith said the race was close. “We are going to win this thing in the end.”");
    assert_eq!(said.claims.len(), 2);
    let titled = run("Smith said the race was close. “All Bets Are Off This Year.”");
    assert_eq!(titled.claims.len(), 1);
}

#[test]
fn a_quote_introduced_in_the_paragraph_before_is_one_claim() {
    // "He said:" ends its paragraph; the quote that follows is its content, not a second,
    // cue-less claim of the same words.
    let text = "The mayor spoke about the floods.\n\nHe said:\n\n“We have rebuilt the levee twice. We will not rebuild it a third time.”\n\nThe council met later.";
    let ex = run(text);
    let got: Vec<_> = ex.claims.iter().map(|c| describe(text, c)).collect();
    assert_eq!(ex.claims.len(), 2, "{got:?}");
    let quoted = &ex.claims[1];
    assert_eq!(quoted.cue.map(|c| c.of(text)), Some("said"), "{got:?}");
    assert_eq!(quoted.speaker.name, "The mayor", "{got:?}");
}

#[test]
fn a_stated_quote_before_a_clause_with_its_own_quote_is_not_its_content() {
    let text = "Ms. Lund said, “The audit found nothing we had not reported.” She added, “The board will publish every page.” The ministry, for its part, refused to release the figures.";
    let ex = run(text);
    let got: Vec<_> = ex.claims.iter().map(|c| (c.cue.map(|s| s.of(text)), c.content.iter().map(|s| s.of(text)).collect::<Vec<_>>())).collect();
    assert_eq!(
        got,
        vec![
            (Some("said"), vec!["“The audit found nothing we had not reported.”"]),
            (Some("added"), vec!["“The board will publish every page.”"]),
        ],
        "{:?}",
        ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>()
    );
    // A question before the clause is still its content, answered after it.
    let text = "“Can we win the county?” the organizer asked, “I think we can.”";
    let ex = run(text);
    assert_eq!(ex.claims.len(), 1, "{:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
    assert_eq!(ex.claims[0].content.len(), 2);
}

#[test]
fn the_subject_of_a_passive_is_not_its_speaker() {
    for text in [
        "The harbor master was asked whether the ferry would run on Sunday.",
        "The mayor was criticized by council members for closing the library.",
    ] {
        let ex = run(text);
        assert!(ex.claims.is_empty(), "{text:?} gave {:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
    }
}

#[test]
fn page_furniture_yields_nothing() {
    let text = "Home\nPolitics\nLATEST\nSubscribe to our newsletter and get the stories that matter in your inbox.\nback to top\nRelated Posts";
    assert!(run(text).claims.is_empty());
}

#[test]
fn text_without_attribution_yields_nothing() {
    for text in [
        "The river rose by two metres overnight and the old bridge was closed.",
        "Prices of bread and milk went up again in the spring.",
        "\"Quoted\" words alone, like a \"title\", are not claims.",
        "The United States sent aid to the region.",
        // Acts and dispositions are evidence, not sources.
        "These moves indicate that the alliance is weakening.",
        // One word before a reporting clause is no content.
        "Nonetheless, the agency said.",
        // "show" reads an object only when a document or a survey shows it.
        "The country has shown signs of seeking new partners.",
        "The country's willingness to talk suggests that the old order is fading.",
        // A single comma ends the subject: "did not act" belongs to the main clause.
        "The allies, which the city expected help from at the time, did not act, and the only answer was silence.",
        // An act done bravely is still an act.
        "While the villagers bravely defend their homes, the army waits.",
        // Calling a meeting or the police names nothing.
        "The mayor called a press conference on Monday.",
        "She called the police from the station.",
        // A refusal is an act, not an assertion.
        "The minister refused to attend the summit in the capital.",
        // "state" and "email" are nouns unless "that" follows.
        "Most state parties release their delegates in the spring.",
        "Her private email set-up put classified information at risk.",
        // What a study finds is a report; what the police find is not.
        "Police found the missing hiker near the river.",
    ] {
        let ex = run(text);
        assert!(ex.claims.is_empty(), "{text:?} gave {:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
    }
}

#[test]
fn unbalanced_and_mixed_quote_styles_still_attribute() {
    let text = "He said “the plan was sound and left. The mayor said that the plan was sound.";
    let ex = run(text);
    assert!(ex.claims.iter().any(|c| c.speaker.span.map(|s| s.of(text)) == Some("The mayor")));
    let text = "'We won,' she said.\n\"We won,\" he said.\n«We won», said Ana Silva.";
    let ex = run(text);
    assert_eq!(ex.claims.len(), 3, "{:?}", ex.claims.iter().map(|c| describe(text, c)).collect::<Vec<_>>());
}

#[test]
fn a_claim_inside_another_is_part_of_it_unless_someone_named_said_it() {
    let claims = |text: &str| -> Vec<String> { run(text).claims.iter().map(|c| describe(text, c)).collect() };
    // The speaker's own belief or intention, or another's attitude as the speaker reports it.
    for text in [
        "The senator said he believes the vote was rigged.",
        "The senator said that she plans to run again next year.",
        "Clinton said Trump wants to cut taxes for the rich.",
    ] {
        let got = claims(text);
        assert_eq!(got.len(), 1, "{text:?} gave {got:?}");
        assert!(got[0].contains("cue=Some(\"said\")"), "{text:?} gave {got:?}");
    }
    // What someone named said is a report of its own.
    let text = "The envoy said Foreign Minister Lavrov told him that the talks would resume.";
    let got = claims(text);
    assert_eq!(got.len(), 2, "{text:?} gave {got:?}");
    assert!(got[1].contains("cue=Some(\"told\")") && got[1].contains("the talks would resume"), "{got:?}");
}

#[test]
fn speakers_are_listed_as_entities() {
    let ex = run("Defense Minister Karen Aslanyan said the army was ready. He added that reserves would not be called up. The ministry said the drill was over.");
    let names: Vec<(&str, EntityKind, u32)> = ex.entities.iter().map(|e| (e.name.as_str(), e.kind, e.claim_count)).collect();
    assert_eq!(names, vec![("Karen Aslanyan", EntityKind::Person, 2), ("The ministry", EntityKind::Government, 1)]);
}

#[test]
fn plural_roles_party_members_quantities_and_findings_are_speakers_of_a_known_kind() {
    let ex = run("Attorneys for the family said the video raised more questions than it answered. One Republican said the vote would be close. \
                  Half of the county's voters said the tax was too high. The results suggest that turnout fell. \
                  Sources close to the governor said she would resign. Six in 10 voters overall said the race was close. \
                  Most said they were worried. A majority said the tax was unfair. \
                  One of the former lawyers for Tom Alder said the cases were different.");
    let kinds: Vec<(&str, EntityKind)> = ex.claims.iter().map(|c| (c.speaker.name.as_str(), c.speaker.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("Attorneys", EntityKind::Group),
            ("One Republican", EntityKind::Person),
            ("Half of the county's voters", EntityKind::Group),
            ("The results", EntityKind::Media),
            ("Sources", EntityKind::Group),
            ("Six in 10 voters overall", EntityKind::Group),
            ("Most", EntityKind::Group),
            ("A majority", EntityKind::Group),
            ("One of the former lawyers for Tom Alder", EntityKind::Group)
        ]
    );
}

#[test]
fn claim_ids_are_stable_and_distinct() {
    let text = "“We won,” she said. The coach said the team had played badly.";
    let a = run(text);
    let b = run(text);
    let ids: Vec<&str> = a.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, b.claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>());
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn streaming_stops_when_asked() {
    let engine = Engine::default();
    let text = "Ana said the road was closed. Ben said the bridge was open. Cleo said the ferry was late.";
    let doc = Document { id: "d", text, published: None };
    let mut seen = 0;
    let ex = engine
        .extract_with(&doc, |_| {
            seen += 1;
            if seen == 2 { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
        })
        .unwrap();
    assert_eq!(seen, 2);
    assert_eq!(ex.claims.len(), 2);
}
