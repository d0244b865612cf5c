//! The labelled sets the extractor is measured on, each run the way the `parallax entities`
//! command runs it: the five embedded seeds (one story), the GUM Wikinews articles of
//! `../shared/corpus/gum-news` and the hand-labelled other-story fixtures.
//!
//! GUM is a development set; six of its 24 documents ([`GUM_HELD_OUT`]) are kept apart: their
//! errors are not studied while the rules are tuned, and their figures are reported
//! separately from the other eighteen.

use super::eval::{self, EvalMention, Scores};
use crate::engine::article::Article;
use crate::engine::load::{Input, LoadOptions, SEEDS, load_input};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The GUM documents held out from tuning (file stems): GUM's own dev and test documents
/// (homeopathic, iodine, nasa, sensitive) and two train documents picked before any error was
/// read (questionnaire, taxes).
pub const GUM_HELD_OUT: [&str; 6] = [
    "GUM_news_homeopathic",
    "GUM_news_iodine",
    "GUM_news_nasa",
    "GUM_news_sensitive",
    "GUM_news_questionnaire",
    "GUM_news_taxes",
];

/// Whether a GUM file (`GUM_news_x.txt` or its stem) is held out.
pub fn held_out(file: &str) -> bool {
    let stem = file.strip_suffix(".txt").unwrap_or(file);
    GUM_HELD_OUT.contains(&stem)
}

/// Gold and predicted mentions of one labelled set, with the article texts as read.
pub struct Run {
    /// (file name, gold mentions) per article, in order.
    pub gold: Vec<(String, Vec<EvalMention>)>,
    /// File name → predicted mentions.
    pub pred: HashMap<String, Vec<EvalMention>>,
    /// File name → the file's text (offsets index it).
    pub texts: HashMap<String, String>,
}

impl Run {
    pub fn scores(&self) -> Scores {
        eval::score(&self.gold, &self.pred)
    }
    /// The scores of the files `keep` accepts.
    pub fn scores_where(&self, keep: impl Fn(&str) -> bool) -> Scores {
        let gold: Vec<_> = self.gold.iter().filter(|(f, _)| keep(f)).cloned().collect();
        eval::score(&gold, &self.pred)
    }
}

/// How the articles of a set are grouped for extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// All articles as one story, as `parallax entities FILES...` does.
    OneStory,
    /// Each article as a story of its own.
    PerArticle,
}

fn read_gold(path: &Path) -> Result<(String, Vec<EvalMention>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    eval::parse_file(&text).ok_or_else(|| format!("{}: not a gold file", path.display()))
}

fn extract(articles: &[Article], grouping: Grouping) -> Vec<super::Extraction> {
    match grouping {
        Grouping::OneStory => super::extract_story(articles),
        Grouping::PerArticle => articles.iter().map(super::extract).collect(),
    }
}

/// Extracts the embedded seeds as one story and pairs the result with the gold files in
/// `gold_dir` (`<seed>.json`).
pub fn run_seeds(gold_dir: &Path) -> Result<Run, String> {
    let mut articles = Vec::new();
    for i in 0..SEEDS.len() {
        let loaded =
            load_input(&Input::Seed(i), &LoadOptions::default()).map_err(|e| e.to_string())?;
        articles.extend(loaded.articles);
    }
    let mut gold = Vec::new();
    for (name, _) in SEEDS {
        let g = read_gold(&gold_dir.join(name.replace(".txt", ".json")))?;
        if g.0 != *name {
            return Err(format!("gold for {name} labels {}", g.0));
        }
        gold.push(g);
    }
    let texts = SEEDS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    finish(articles, gold, texts, Grouping::OneStory)
}

fn finish(
    articles: Vec<Article>,
    gold: Vec<(String, Vec<EvalMention>)>,
    texts: HashMap<String, String>,
    grouping: Grouping,
) -> Result<Run, String> {
    if articles.len() != gold.len() {
        return Err(format!(
            "{} articles loaded for {} gold files",
            articles.len(),
            gold.len()
        ));
    }
    let extractions = extract(&articles, grouping);
    let pred = gold
        .iter()
        .zip(articles.iter().zip(&extractions))
        .map(|((file, _), (a, ex))| (file.clone(), eval::from_extraction(a, ex)))
        .collect();
    Ok(Run { gold, pred, texts })
}

/// Runs a folder of `<name>.txt` articles with gold in `gold_dir/<name>.json` (each gold file's
/// `file` names its article). Files are taken in name order.
pub fn run_dir(text_dir: &Path, gold_dir: &Path, grouping: Grouping) -> Result<Run, String> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    let mut texts = HashMap::new();
    for g in golds {
        let Ok(parsed) = read_gold(&g) else {
            continue; // Not a gold file (another JSON in the folder).
        };
        let path = text_dir.join(&parsed.0);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded = load_input(&Input::File(path.clone()), &LoadOptions::default())
            .map_err(|e| e.to_string())?;
        if loaded.articles.len() != 1 {
            return Err(format!("{}: not one article", path.display()));
        }
        articles.extend(loaded.articles);
        texts.insert(parsed.0.clone(), text);
        gold.push(parsed);
    }
    finish(articles, gold, texts, grouping)
}

/// The shared data folder, when it exists: `$PARALLAX_SHARED` if set, else `../shared` beside
/// the checkout (as CI has it).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.is_dir().then_some(dir)
}

/// The GUM news set: `(texts, gold)` folders under the shared folder, when present.
pub fn gum_dirs() -> Option<(PathBuf, PathBuf)> {
    let root = shared_dir()?.join("corpus/gum-news");
    let gold = root.join("entities");
    gold.is_dir().then_some((root, gold))
}

/// The hand-labelled other-story fixtures (`tests/fixtures/other_stories`).
pub fn other_stories_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other_stories")
}
