//! The typed model reads every real file of the corpus.

mod common;

use integ::model::IntegrationVersion;
use integ::references::{Namespace, ReferenceIndex};
use integ::source::SourceFile;

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn every_corpus_file_deserializes_into_the_model() {
    let files = common::corpus_files();
    let mut tasks = 0;
    let mut mentions = 0;
    for path in &files {
        let file = SourceFile::read(path).unwrap();
        let model = IntegrationVersion::from_document(file.document())
            .unwrap_or_else(|e| panic!("{}: {e}", common::name(path)));
        assert!(
            !model.task_configs.is_empty() || !model.trigger_configs.is_empty(),
            "{}: read no task and no trigger",
            common::name(path)
        );
        tasks += model.task_configs.len();
        mentions += ReferenceIndex::build(file.document())
            .references
            .iter()
            .filter(|r| r.namespace == Namespace::Variable && r.form.is_use())
            .count();
        // Array order is the file's: task i is the value at /taskConfigs/i.
        for (i, task) in model.task_configs.iter().enumerate() {
            let pointer = format!("/taskConfigs/{i}/taskId");
            let value = file.document().value().pointer(&pointer);
            assert_eq!(value.and_then(|v| v.as_str()), task.task_id);
        }
    }
    if !files.is_empty() {
        assert_eq!(files.len(), 55);
        assert!(tasks > 250, "only {tasks} tasks read");
        assert!(mentions > 1000, "only {mentions} references found");
    }
}
