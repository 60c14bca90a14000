#pragma once
// One entry as the detail pane shows it: the name of its format, its whole text masked
// and laid out as its format reads best (a JSON line indented, an EVENT payload below its
// line), and its named fields. The entry is read back and parsed here, so the pane only
// presents what it is given.

#include "entryfields.h"

#include <QString>

namespace vigil {

class EntryStore;
class SecretMasker;

struct EntryDetail {
    QString formatName;
    QString shownText; // masked
    FieldList fields;  // as written: mask each with SecretMasker::maskField before showing it
};

EntryDetail readEntryDetail(const EntryStore& store, EntryIndex entry, const SecretMasker& masker);

} // namespace vigil
