#include "entrydetail.h"

#include "../secrets/secretmasker.h"
#include "../store/entrystore.h"

namespace vigil {

EntryDetail readEntryDetail(const EntryStore& store, EntryIndex entry, const SecretMasker& masker) {
    EntryDetail detail;
    const FormatId format = store.format(entry);
    const std::string_view name = EntryReader::formatName(format);
    detail.formatName = QString::fromUtf8(name.data(), qsizetype(name.size()));
    std::string raw;
    if (!store.readText(entry, raw)) return detail;
    const QByteArray masked = masker.mask(QString::fromUtf8(raw.data(), qsizetype(raw.size()))).toUtf8();
    const std::string shown =
        EntryReader::shownText(format, std::string_view(masked.constData(), std::size_t(masked.size())));
    detail.shownText = QString::fromUtf8(shown.data(), qsizetype(shown.size()));
    detail.fields = EntryReader().fields(raw);
    return detail;
}

} // namespace vigil
