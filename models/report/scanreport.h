#pragma once
// The summary of what a scan (or a follow run) read, as `vigil scan` prints it: JSON in
// the documented shape, or readable text.

#include "../ingest/discovery.h"
#include "../store/entrystore.h"

#include <QJsonObject>

#include <vector>

namespace vigil {

struct ReadSummary {
    std::vector<FileId> files;
    std::vector<IngestError> errors;
    double seconds = 0;
};

QJsonObject scanReportJson(const EntryStore& store, const ReadSummary& summary);
QString scanReportText(const EntryStore& store, const ReadSummary& summary);

} // namespace vigil
