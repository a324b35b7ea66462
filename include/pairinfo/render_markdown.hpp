/// Markdown for publishing: the article layout of the seed record.
#pragma once
#include <string>

#include "pairinfo/dataset.hpp"
#include "pairinfo/query.hpp"

namespace pairinfo {

/// `# Title`, intro, `## How It Works`, `## What the Evidence Says`, `## Clinical Context`,
/// `## Key Takeaways`, `## Frequently Asked Questions`; one paragraph per line. Cautions get
/// their own section only when the clinical context does not already name them word for word.
std::string markdown_pair(const Dataset& data, const PairRecord& record);

/// The answer for a pair without a record, with the caveat that this is not evidence of safety.
std::string markdown_no_record(const Dataset& data, std::size_t a, std::size_t b);

/// A regimen-check report with the matrix as a table, for clinical notes.
std::string markdown_check(const Dataset& data, const RegimenCheck& check);

}  // namespace pairinfo
