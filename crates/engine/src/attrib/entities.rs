//! Canonical entities across a document: name variants merged, pronouns resolved.
//!
//! Before any claim is read, one pass collects every capitalized name in the document and
//! groups person-like names by surname, merging spelling variants that differ by an edit or
//! two (machine translation gives "Pashinyan", "Pashnyan" and "Pashnian" in one article). A
//! group's canonical name is its fullest form with the most frequent spelling of the surname
//! ("Nikol Pashinyan"). Claims then stream in document order; a pronoun speaker takes the most
//! recent compatible speaker before it.

use foldhash::HashMap;

use crate::{Entity, EntityKind, Span};

use super::lexicon::{Lexicon, PronounKind, set, with_lower};
use super::phrase::{Reader, clean_name};

/// The longest run of capitalized words read as one name.
const MAX_NAME_WORDS: usize = 4;

/// Name groups of one document.
#[derive(Debug, Default)]
pub struct Names<'a> {
    /// Lowercased surname variant → group index.
    by_key: KeyMap,
    /// Each surname as the text spells it → its index in `spellings`: most mentions repeat a
    /// spelling, found here without lowercasing.
    by_spelling: HashMap<&'a str, usize>,
    /// The surnames as the text spells them, each with its count and group (that of its
    /// lowercase key, which never changes once set).
    spellings: Vec<Spelling<'a>>,
    /// The keys of `by_key` in the order they came, each with its first char and length in
    /// chars, their text end to end in `key_text`: a near spelling is looked for among them,
    /// most turned away by those two before any edit distance (walking the map decoded each
    /// key's first char).
    near_keys: Vec<NearKey>,
    key_text: String,
    groups: Vec<Group>,
    /// The groups' given names end to end.
    given_text: String,
}

#[derive(Debug)]
struct NearKey {
    first: char,
    chars: usize,
    /// Its bytes in `Names::key_text`.
    text: (usize, usize),
    group: usize,
}

#[derive(Debug)]
struct Spelling<'a> {
    text: &'a str,
    count: u32,
    group: usize,
}

impl Spelling<'_> {
    /// Whether this spelling is a group's canonical one rather than `other`: the more frequent,
    /// on a tie the alphabetically first.
    fn beats(&self, other: &Spelling<'_>) -> bool {
        self.count.cmp(&other.count).then_with(|| other.text.cmp(self.text)).is_gt()
    }
}

#[derive(Debug, Default)]
struct Group {
    /// Its canonical spelling of the last word, an index into `Names::spellings`: counts only
    /// grow, so a spelling just counted either beats this one or leaves it the best.
    best: Option<usize>,
    /// The longest run of words before the surname ("Nikol"): a range of `Names::given_text`.
    given: (usize, usize),
}

impl<'a> Names<'a> {
    /// Collects the names in a document's tokens.
    pub fn collect(r: &Reader<'a>) -> Self {
        // About one token in thirty is a new surname in news text: the tables are sized once.
        let guess = r.tokens.len() / 32;
        let mut names = Names {
            by_key: KeyMap::with_capacity(guess),
            by_spelling: HashMap::with_capacity_and_hasher(guess, Default::default()),
            spellings: Vec::with_capacity(guess),
            near_keys: Vec::with_capacity(guess),
            key_text: String::with_capacity(guess * 8),
            groups: Vec::with_capacity(guess),
            given_text: String::with_capacity(guess * 8),
        };
        let mut t = 0;
        while t < r.tokens.len() {
            if !is_name_word(r, t) {
                t += 1;
                continue;
            }
            let mut words = [""; MAX_NAME_WORDS];
            let mut n = 0;
            while t < r.tokens.len() && is_name_word(r, t) && n < MAX_NAME_WORDS {
                words[n] = clean_name(r.word(t));
                n += 1;
                t += 1;
            }
            // The surname's sets: the reader's lookup of its token, unless cleaning changed it.
            let last = r.word(t - 1);
            let bits = if words[n - 1].len() == last.len() { r.bits(t - 1) } else { r.lex.bits(words[n - 1]) };
            names.add(&words[..n], bits);
        }
        names
    }

    /// Adds a name whose last word, `words.last()`, is in the lexicon's sets `surname_bits`.
    fn add(&mut self, words: &[&'a str], surname_bits: u32) {
        let Some((&surname, given)) = words.split_last() else { return };
        if !person_like(surname, surname_bits) {
            return;
        }
        let i = match self.by_spelling.get(surname) {
            Some(&i) => i,
            None => {
                let group = self.group_of_new_spelling(surname);
                self.spellings.push(Spelling { text: surname, count: 0, group });
                self.by_spelling.insert(surname, self.spellings.len() - 1);
                self.spellings.len() - 1
            }
        };
        self.spellings[i].count += 1;
        let spelling = &self.spellings[i];
        let group = &mut self.groups[spelling.group];
        if group.best.is_none_or(|best| best == i || spelling.beats(&self.spellings[best])) {
            group.best = Some(i);
        }
        // Joined only when longer than the group's: most mentions repeat a known name.
        if joined_len(given) > group.given.1 - group.given.0 {
            let start = self.given_text.len();
            for (k, word) in given.iter().enumerate() {
                if k > 0 {
                    self.given_text.push(' ');
                }
                self.given_text.push_str(word);
            }
            if self.given_text[start..].chars().count() < 40 {
                group.given = (start, self.given_text.len());
            } else {
                self.given_text.truncate(start);
            }
        }
    }

    /// The group of a spelling not seen before: that of its key, or of a near key, or a new one.
    fn group_of_new_spelling(&mut self, surname: &str) -> usize {
        // A new spelling of a known key ("TRUMP" after "Trump") is looked up without a
        // lowercase copy being allocated.
        with_lowercase(surname, |key| {
            if let Some(g) = self.by_key.get(key) {
                return g;
            }
            let g = self.near(key).unwrap_or_else(|| {
                self.groups.push(Group::default());
                self.groups.len() - 1
            });
            self.by_key.insert(key, g);
            let start = self.key_text.len();
            self.key_text.push_str(key);
            let first = key.chars().next().unwrap_or_default();
            self.near_keys.push(NearKey { first, chars: key.chars().count(), text: (start, self.key_text.len()), group: g });
            g
        })
    }

    /// The group of a surname, by exact or near spelling.
    fn find(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).or_else(|| self.near(key))
    }

    /// The group of a surname that no key spells exactly, by near spelling.
    fn near(&self, key: &str) -> Option<usize> {
        let n = key.chars().count();
        if n < 5 {
            return None;
        }
        let budget = if n >= 7 { 2 } else { 1 };
        let first = key.chars().next()?;
        // Two words whose lengths in chars differ by more than the budget are never within it.
        self.near_keys
            .iter()
            .filter(|k| k.first == first && k.chars.abs_diff(n) <= budget && within_edits(&self.key_text[k.text.0..k.text.1], key, budget))
            .map(|k| k.group)
            .min()
    }

    /// The canonical form of a name whose last word is `surname`, if it belongs to a group.
    pub fn canonical(&self, surname: &str, lex: &Lexicon) -> Option<String> {
        let surname = clean_name(surname);
        if !surname.chars().next().is_some_and(char::is_uppercase) || !person_like(surname, lex.bits(surname)) {
            return None;
        }
        let g = match self.by_spelling.get(surname) {
            Some(&i) => self.spellings[i].group,
            None => with_lowercase(surname, |key| self.find(key))?,
        };
        let group = &self.groups[g];
        let spelling = self.spellings[group.best?].text;
        let given = &self.given_text[group.given.0..group.given.1];
        if given.is_empty() {
            return Some(spelling.to_string());
        }
        let mut name = String::with_capacity(given.len() + 1 + spelling.len());
        name.push_str(given);
        name.push(' ');
        name.push_str(spelling);
        Some(name)
    }
}

fn is_name_word(r: &Reader<'_>, t: usize) -> bool {
    let tok = r.tokens[t];
    tok.is_word() && tok.capitalized && r.bits(t) & (set::TITLE | set::NATIONALITY | set::CAP_FUNCTION) == 0
}

/// Surnames: not a country, organization or media word (`bits`: the word's lexicon sets).
fn person_like(word: &str, bits: u32) -> bool {
    word.chars().count() >= 2 && bits & (set::PLACE | set::ORG | set::MEDIA | set::GOV | set::GROUP) == 0 && !word.contains('.')
}

/// The length of `words` joined by single spaces.
fn joined_len(words: &[&str]) -> usize {
    words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1)
}

/// Whether two words are within `budget` edits (Levenshtein), stopping at the first row over
/// the budget. ASCII words (nearly all names) are compared as bytes, others as chars.
fn within_edits(a: &str, b: &str, budget: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return within_edits_of(a.as_bytes(), b.as_bytes(), budget);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_edits_of(&a, &b, budget)
}

fn within_edits_of<T: PartialEq>(a: &[T], b: &[T], budget: usize) -> bool {
    if a.len().abs_diff(b.len()) > budget {
        return false;
    }
    // Distances are counted up to `cap` (one over the budget), and only in the band of cells
    // `(i, j)` with `|i - j| <= budget`: a cell outside it is at least `|i - j|` edits, over the
    // budget, and holds `cap`. Capped distances obey the same recurrence, so each cell of the
    // band is `min(distance, cap)`, and the answer and the early stop are those of the whole
    // table. The two rows on the stack for names of up to 32 letters (all but freak tokens): a
    // new surname is compared with every known one of the same initial and a near length.
    const INLINE: usize = 32;
    let cap = budget + 1;
    let (mut inline_prev, mut inline_cur) = ([0; INLINE + 1], [0; INLINE + 1]);
    let (mut heap_prev, mut heap_cur);
    let (mut prev, mut cur): (&mut [usize], &mut [usize]) = if b.len() <= INLINE {
        (&mut inline_prev[..=b.len()], &mut inline_cur[..=b.len()])
    } else {
        (heap_prev, heap_cur) = (vec![0; b.len() + 1], vec![0; b.len() + 1]);
        (&mut heap_prev, &mut heap_cur)
    };
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j.min(cap);
    }
    for (i, ca) in a.iter().enumerate() {
        // Row `i + 1`: its band is `lo..=hi`.
        let row = i + 1;
        let (lo, hi) = (row.saturating_sub(budget), (row + budget).min(b.len()));
        let mut least = cap;
        if lo == 0 {
            cur[0] = row.min(cap);
            least = cur[0];
        } else {
            cur[lo - 1] = cap;
        }
        for j in lo.max(1)..=hi {
            let cell = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + usize::from(*ca != b[j - 1])).min(cap);
            cur[j] = cell;
            least = least.min(cell);
        }
        if hi < b.len() {
            cur[hi + 1] = cap;
        }
        if least > budget {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= budget
}

/// Lowercase keys (surnames, names) → indices. A key of up to 15 bytes, nearly every name, is
/// packed with its length into a `u128` and stored without a string being allocated.
#[derive(Debug, Default)]
struct KeyMap {
    short: HashMap<u128, usize>,
    long: HashMap<String, usize>,
}

impl KeyMap {
    fn with_capacity(capacity: usize) -> Self {
        KeyMap { short: HashMap::with_capacity_and_hasher(capacity, Default::default()), long: HashMap::default() }
    }

    /// The key's bytes and its length in one number: the same number for the same key only.
    fn pack(key: &str) -> Option<u128> {
        let bytes = key.as_bytes();
        if bytes.len() > 15 {
            return None;
        }
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        packed[15] = bytes.len() as u8;
        Some(u128::from_le_bytes(packed))
    }

    fn get(&self, key: &str) -> Option<usize> {
        match Self::pack(key) {
            Some(packed) => self.short.get(&packed).copied(),
            None => self.long.get(key).copied(),
        }
    }

    fn insert(&mut self, key: &str, value: usize) {
        match Self::pack(key) {
            Some(packed) => self.short.insert(packed, value),
            None => self.long.insert(key.to_string(), value),
        };
    }
}

/// Runs `f` on `word.to_lowercase()`: an ASCII word (nearly every name) is lowered in a
/// buffer on the stack, where `to_ascii_lowercase` gives the same, rather than in a new string.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const INLINE: usize = 32;
    if !word.is_ascii() || word.len() > INLINE {
        return f(&word.to_lowercase());
    }
    let mut buf = [0u8; INLINE];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    f(std::str::from_utf8(lower).expect("lowercased ASCII is UTF-8"))
}

/// What a name or a role says of a person's sex, for "he" and "she" to find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// The gender a speaker's words give: a title ("Mrs.", "Mr."), a common first name ("Hillary",
/// "Donald") or a role ("spokeswoman", "the mother of three"); `None` if none of them says.
pub fn gender_of(words: &str) -> Option<Gender> {
    fn bare(w: &str) -> &str {
        let w = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
        w.strip_suffix('.').unwrap_or(w)
    }
    let mut words = words.split(|c: char| c == ' ' || c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).peekable();
    let mut first_name = true;
    while let Some(word) = words.next() {
        // The head comes before its complement: "a spokeswoman for the campaign".
        if matches!(word, "of" | "for" | "to" | "at" | "in" | "from" | "with" | "on" | "who" | "that" | "which" | "and") {
            break;
        }
        // The first capitalized word past titles and modifiers ("former Sen. Barbara Boxer")
        // may be a first name; a last word ("Clinton") is none.
        let may_be_first_name = first_name && words.peek().is_some() && !word.ends_with('.') && word.starts_with(|c: char| c.is_ascii_uppercase());
        // (The lists hold lowercase ASCII words: anything longer or not ASCII is in none.)
        let w = bare(word);
        let found = (w.len() <= 16 && w.is_ascii()).then(|| with_lowercase(w, |w| GENDER_WORDS.get(w).copied())).flatten();
        match found {
            Some((gender, is_name)) if !is_name || may_be_first_name => return Some(gender),
            _ => {}
        }
        if may_be_first_name {
            first_name = super::lexicon::TITLES.iter().any(|t| word.eq_ignore_ascii_case(t));
        }
    }
    None
}

/// The words of the four lists below, each with the gender it says and whether it is a first
/// name (which counts only before a surname): built once.
static GENDER_WORDS: std::sync::LazyLock<HashMap<&'static str, (Gender, bool)>> = std::sync::LazyLock::new(|| {
    let lists = [(FEMALE_WORDS, Gender::Female, false), (MALE_WORDS, Gender::Male, false), (FEMALE_NAMES, Gender::Female, true), (MALE_NAMES, Gender::Male, true)];
    lists.into_iter().flat_map(|(list, gender, is_name)| list.iter().map(move |&w| (w, (gender, is_name)))).collect()
});

/// Titles and role words that say a woman (sorted, lowercase).
const FEMALE_WORDS: &[&str] = &[
    "actress", "aunt", "businesswoman", "chairwoman", "congresswoman", "councilwoman", "daughter", "girl", "girlfriend", "granddaughter",
    "grandmother", "herself", "lady", "miss", "mom", "mother", "mrs", "ms", "niece", "princess", "queen", "sister", "spokeswoman",
    "stepmother", "widow", "wife", "woman", "women",
];

/// Titles and role words that say a man (sorted, lowercase).
const MALE_WORDS: &[&str] = &[
    "actor", "boy", "boyfriend", "brother", "businessman", "chairman", "congressman", "councilman", "dad", "father", "grandfather",
    "grandson", "himself", "husband", "king", "mr", "nephew", "prince", "son", "spokesman", "stepfather", "uncle", "widower",
];

/// Common women's first names in English-language news (sorted, lowercase).
const FEMALE_NAMES: &[&str] = &[
    "abigail", "alice", "alicia", "allison", "amanda", "amy", "ana", "angela", "ann", "anna", "anne", "barbara", "betsy", "betty",
    "brenda", "carly", "carol", "caroline", "catherine", "chelsea", "cheryl", "christina", "christine", "claire", "condoleezza", "cynthia",
    "debbie", "deborah", "diana", "diane", "donna", "dorothy", "elaine", "elena", "elisabeth", "elizabeth", "ellen", "emily", "emma", "eva",
    "evelyn", "gina", "gloria", "hannah", "heather", "heidi", "helen", "hillary", "huma", "ivanka", "jacqueline", "jane", "janet", "janice",
    "jennifer", "jessica", "jill", "joan", "joanne", "jodi", "joni", "joyce", "judith", "judy", "julia", "julie", "kate",
    "katherine", "kathleen", "kathryn", "katie", "kellyanne", "kimberly", "kirsten", "kristen", "laura", "lauren", "linda", "lisa",
    "loretta", "lori", "louise", "lynn", "madeleine", "margaret", "maria", "marie", "marilyn", "marsha", "martha", "mary", "maxine",
    "megan", "megyn", "melania", "melissa", "michele", "michelle", "nancy", "natalie", "nicole", "nikki", "nina", "olga", "pamela",
    "patricia", "patty", "paula", "peggy", "rachel", "rebecca", "rosa", "ruth", "samantha", "sandra", "sara", "sarah", "sharon", "shirley",
    "sonia", "stephanie", "susan", "susana", "suzanne", "tammy", "teresa", "theresa", "tulsi", "valerie", "victoria", "wendy",
];

/// Common men's first names in English-language news (sorted, lowercase).
const MALE_NAMES: &[&str] = &[
    "adam", "alan", "albert", "alexander", "andrew", "anthony", "antonin", "arthur", "barack", "ben", "benjamin", "bernie", "bill", "bob",
    "bobby", "brad", "brian", "bruce", "carl", "charles", "charlie", "chris", "christopher", "chuck", "colin", "craig", "dan", "daniel",
    "david", "dennis", "dick", "don", "donald", "douglas", "ed", "edward", "eric", "frank", "fred", "gary", "george", "gerald", "greg",
    "gregory", "harry", "henry", "howard", "jack", "jacob", "james", "jason", "jeb", "jeff", "jeffrey", "jerry", "jim", "jimmy", "joe",
    "john", "johnny", "jon", "jonathan", "joseph", "josh", "joshua", "justin", "keith", "ken", "kenneth", "kevin", "larry", "lawrence",
    "louis", "marco", "mark", "martin", "matt", "matthew", "michael", "mike", "mitch", "mitt", "nathan", "newt", "nicholas", "paul",
    "peter", "philip", "ralph", "randy", "ray", "raymond", "reince", "richard", "rick", "robert", "roger", "ron", "ronald", "roy", "rudy",
    "russell", "ryan", "sam", "samuel", "scott", "sean", "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "todd", "tom",
    "tony", "vladimir", "walter", "wayne", "william", "xi",
];

/// The entities that made claims, built up as claims stream.
#[derive(Debug, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    /// What is known of each entity's gender, by index: `None` until its name was looked at.
    genders: Vec<Option<Option<Gender>>>,
    by_name: KeyMap,
    /// Entities in order of their latest claim, most recent last, with the paragraph of it.
    recent: Vec<(usize, usize)>,
}

impl Registry {
    /// The entity of a named or described speaker, created on first sight.
    /// `mention` is the text of the mention, whose title or role may say the speaker's gender
    /// ([`gender_of`]) where the name does not.
    pub fn named(&mut self, name: &str, kind: EntityKind, mention: Span, paragraph: usize, mention_text: &str) -> usize {
        let e = with_lowercase(name, |key| match self.by_name.get(key) {
            Some(e) => e,
            None => {
                self.entities.push(Entity { name: name.to_string(), kind, mentions: Vec::new(), claim_count: 0 });
                self.genders.push(None);
                self.by_name.insert(key, self.entities.len() - 1);
                self.entities.len() - 1
            }
        });
        if self.entities[e].kind == EntityKind::Unknown {
            self.entities[e].kind = kind;
        }
        // The name is looked at once; a mention of several words ("Mrs. Clinton", "the
        // spokeswoman") until one of them says.
        if self.entities[e].kind == EntityKind::Person && !matches!(self.genders[e], Some(Some(_))) {
            let from_name = match self.genders[e] {
                None => gender_of(name),
                Some(known) => known,
            };
            let from_mention = || (mention_text != name && mention_text.contains(' ')).then(|| gender_of(mention_text)).flatten();
            self.genders[e] = Some(from_name.or_else(from_mention));
        }
        self.touch(e, mention, paragraph);
        e
    }

    /// The entity a pronoun refers to: the most recent speaker of a compatible kind within the
    /// last few paragraphs.
    pub fn resolve(&mut self, pronoun: PronounKind, mention: Span, paragraph: usize) -> Option<usize> {
        const REACH: usize = 4;
        // ("she" is not Donald Trump, nor "he" Hillary Clinton.)
        let genders = &self.genders;
        let fits = |e: usize, kind: EntityKind| match pronoun {
            PronounKind::He => kind == EntityKind::Person && genders[e] != Some(Some(Gender::Female)),
            PronounKind::She => kind == EntityKind::Person && genders[e] != Some(Some(Gender::Male)),
            PronounKind::They => matches!(kind, EntityKind::Group | EntityKind::Organization | EntityKind::Government),
            PronounKind::It => matches!(kind, EntityKind::Organization | EntityKind::Government | EntityKind::Media),
            PronounKind::Speaker => false,
        };
        let &(e, _) = self.recent.iter().rev().take_while(|&&(_, p)| p + REACH >= paragraph).find(|&&(e, _)| fits(e, self.entities[e].kind))?;
        // A person whose gender nothing said so far has the pronoun's from now on: a later
        // "she" does not go to the man a "he" went to.
        self.learn_gender(e, pronoun);
        self.touch(e, mention, paragraph);
        Some(e)
    }

    /// The gender known of the entity of this canonical name, if there is one.
    pub fn gender_of_name(&self, name: &str) -> Option<Gender> {
        let e = with_lowercase(name, |key| self.by_name.get(key))?;
        self.genders[e].flatten()
    }

    /// Records the gender a pronoun gives entity `e`, unless one is known.
    pub fn learn_gender(&mut self, e: usize, pronoun: PronounKind) {
        if self.entities[e].kind == EntityKind::Person && !matches!(self.genders[e], Some(Some(_))) {
            match pronoun {
                PronounKind::He => self.genders[e] = Some(Some(Gender::Male)),
                PronounKind::She => self.genders[e] = Some(Some(Gender::Female)),
                _ => {}
            }
        }
    }

    /// The latest speaker, of any kind, within `reach` paragraphs before `paragraph`.
    pub fn latest(&self, paragraph: usize, reach: usize) -> Option<usize> {
        self.recent.last().filter(|&&(_, p)| p + reach >= paragraph).map(|&(e, _)| e)
    }

    fn touch(&mut self, e: usize, mention: Span, paragraph: usize) {
        self.entities[e].mentions.push(mention);
        self.recent.retain(|&(x, _)| x != e);
        self.recent.push((e, paragraph));
    }

    /// Counts a claim for an entity.
    pub fn count_claim(&mut self, e: usize) {
        self.entities[e].claim_count += 1;
    }

    /// The entities that made at least one claim, in order of first appearance.
    pub fn into_speakers(self) -> Vec<Entity> {
        self.entities.into_iter().filter(|e| e.claim_count > 0).collect()
    }
}

/// The pronoun kind of a word.
pub fn pronoun(word: &str) -> Option<PronounKind> {
    let word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
    with_lower(word, super::lexicon::pronoun_kind).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The canonical name of each surname, by the names collected from `text`.
    fn canonical_names(text: &str, surnames: &[&str]) -> Vec<Option<String>> {
        let lex = Lexicon::new();
        let tokens = tokenize(text);
        let names = Names::collect(&Reader::new(text, &tokens, &lex));
        surnames.iter().map(|surname| names.canonical(surname, &lex)).collect()
    }

    #[test]
    fn spelling_variants_share_one_canonical_name() {
        let text = "Nikol Pashinyan spoke. Later Pashnyan left. Pashinyan stayed. Pashnian returned. Putin waited.";
        let variants = ["Pashinyan", "Pashnyan", "Pashnian", "Pashinyan’s"];
        for (variant, name) in variants.iter().zip(canonical_names(text, &variants)) {
            assert_eq!(name.as_deref(), Some("Nikol Pashinyan"), "for {variant}");
        }
        assert_eq!(canonical_names(text, &["Putin", "Russia"]), [Some("Putin".to_string()), None]);
    }

    #[test]
    fn the_most_frequent_spelling_names_a_group_and_a_tie_goes_to_the_alphabetically_first() {
        // "Kovalenko" comes first and is overtaken; the two of "Marchetti" tie.
        let text = "Anna Kovalenko spoke. Kovalenco left. Kovalenco stayed. Marchetty came. Marchetti came.";
        assert_eq!(canonical_names(text, &["Kovalenko", "Marchetty"]), [Some("Anna Kovalenco".to_string()), Some("Marchetti".to_string())]);
    }

    #[test]
    fn key_map_tells_every_key_apart() {
        // Lengths around the 15 bytes that are packed, and keys that differ only in a NUL or
        // a length.
        let mut keys: Vec<String> = (0..=20).map(|n| "k".repeat(n)).collect();
        keys.extend(["ab", "ab\0", "\0ab", "ab\0\0", "émile", "zoë", "aaaaaaaaaaaaaa\0", "aaaaaaaaaaaaaaa\0"].map(String::from));
        let mut map = KeyMap::default();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(map.get(key), None, "for {key:?}");
            map.insert(key, i);
        }
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(map.get(key), Some(i), "for {key:?}");
        }
        map.insert("ab", 99);
        assert_eq!(map.get("ab"), Some(99));
        assert_eq!(map.get("ab\0"), Some(keys.iter().position(|k| k == "ab\0").unwrap()));
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert!(within_edits("pashinyan", "pashnyan", 1));
        assert!(within_edits("pashinyan", "pashnian", 2));
        assert!(!within_edits("pashinyan", "putin", 2));
    }

    #[test]
    fn lowercase_keys_are_to_lowercase() {
        for word in ["Pashinyan", "McCONNELL", "Ólafsdóttir", "ΣΟΦΟΣ", "\u{212A}elvin", &"Abcdefgh".repeat(5), ""] {
            assert_eq!(with_lowercase(word, str::to_string), word.to_lowercase(), "for {word:?}");
        }
    }

    /// The whole table, as first written.
    fn edits(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + usize::from(ca != cb));
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn the_band_agrees_with_the_whole_table() {
        let words = ["", "a", "ab", "ba", "abc", "acb", "pashinyan", "pashnyan", "pashnian", "pashinian", "putin", "clinton", "christie", "clintons", "klinton", "aaaa", "aaab", "baaa", "abab", "bbbb"];
        for a in words {
            for b in words {
                for budget in 0..=3 {
                    assert_eq!(within_edits_of(a.as_bytes(), b.as_bytes(), budget), edits(a.as_bytes(), b.as_bytes()) <= budget, "{a:?} {b:?} within {budget}");
                }
            }
        }
    }

    #[test]
    fn edit_distance_of_long_words() {
        let long = "x".repeat(40);
        assert!(within_edits(&long, &format!("{long}y"), 1));
        assert!(!within_edits(&long, &format!("{long}yy"), 1));
        assert!(within_edits(&format!("a{long}"), &format!("b{long}"), 1));
    }

    #[test]
    fn pronouns_take_the_latest_compatible_speaker() {
        let mut reg = Registry::default();
        let a = reg.named("Anna Petrosyan", EntityKind::Person, Span::new(0, 5), 0, "Anna Petrosyan");
        let _ = reg.named("the ministry", EntityKind::Government, Span::new(10, 15), 1, "the ministry");
        assert_eq!(reg.resolve(PronounKind::She, Span::new(20, 23), 2), Some(a));
        assert_eq!(reg.resolve(PronounKind::He, Span::new(30, 32), 20), None);
    }

    #[test]
    fn he_and_she_pass_over_a_speaker_of_the_other_gender() {
        let mut reg = Registry::default();
        let hillary = reg.named("Hillary Clinton", EntityKind::Person, Span::new(0, 5), 0, "Hillary Clinton");
        let donald = reg.named("Donald Trump", EntityKind::Person, Span::new(10, 15), 0, "Mr. Trump");
        let smith = reg.named("Smith", EntityKind::Person, Span::new(20, 25), 0, "the spokeswoman, Jo Smith");
        assert_eq!(reg.resolve(PronounKind::He, Span::new(30, 32), 0), Some(donald));
        assert_eq!(reg.resolve(PronounKind::She, Span::new(40, 43), 0), Some(smith));
        let _ = reg.named("Donald Trump", EntityKind::Person, Span::new(50, 55), 0, "Trump");
        assert_eq!(reg.resolve(PronounKind::She, Span::new(60, 63), 0), Some(smith));
        assert_ne!(reg.resolve(PronounKind::She, Span::new(70, 73), 0), Some(donald));
        let _ = hillary;
    }

    #[test]
    fn gender_comes_from_titles_first_names_and_roles() {
        for (words, gender) in [
            ("Mrs. Clinton", Some(Gender::Female)),
            ("former Sen. Barbara Boxer", Some(Gender::Female)),
            ("the 34-year-old mother of three", Some(Gender::Female)),
            ("Donald J. Trump", Some(Gender::Male)),
            ("a Trump spokesman", Some(Gender::Male)),
            ("Clinton", None),
            ("Hillary", None),
            ("the senator", None),
        ] {
            assert_eq!(gender_of(words), gender, "{words}");
        }
    }

    #[test]
    fn gender_word_lists_are_sorted_lowercase() {
        for list in [FEMALE_WORDS, MALE_WORDS, FEMALE_NAMES, MALE_NAMES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list.windows(2).find(|w| w[0] >= w[1]));
            assert!(list.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        }
    }
}
