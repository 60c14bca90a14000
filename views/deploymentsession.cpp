#include "deploymentsession.h"

#include "backgroundsettings.h"
#include "charts/chartspanel.h"
#include "filterbar.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QSettings>
#include <QToolButton>

namespace vigil {

namespace {
constexpr Level kLevels[] = {Level::Trace,   Level::Debug, Level::Info,
                             Level::Warning, Level::Error, Level::Critical};
} // namespace

QString DeploymentSession::groupFor(const QStringList& roots) {
    QStringList sorted = roots;
    sorted.sort();
    const QByteArray hash =
        QCryptographicHash::hash(sorted.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("sessions/") + QString::fromLatin1(hash.left(20));
}

void DeploymentSession::save(const QStringList& roots, const FilterBar& bar, const ChartsPanel* charts,
                             const EntryStore* store, std::optional<EntryIndex> selected) {
    const QString group = groupFor(roots) + QLatin1Char('/');
    SettingsValues values;
    auto set = [&](const char* key, QVariant value) {
        values.emplace_back(group + QLatin1String(key), std::move(value));
    };
    set("roots", roots);
    set("search", bar.searchEdit()->text());
    set("regex", bar.regexButton()->isChecked());
    set("caseSensitive", bar.caseButton()->isChecked());
    set("fields", bar.fieldEdit()->text());
    QStringList hidden;
    for (Level l : kLevels)
        if (QToolButton* b = bar.levelButton(l); b && !b->isChecked()) hidden << QString::number(int(l));
    set("hiddenLevels", hidden);
    set("timeRange", bar.timeRange()->currentIndex());
    // A custom range is kept as the bar applies it.
    const FilterSpec spec = bar.spec(0);
    set("fromUs", qint64(spec.fromUs));
    set("toUs", qint64(spec.toUs));
    if (charts) set("chartWindow", int(charts->window()));
    const bool keepSelected = store && selected && store->contains(*selected);
    // Without a selection the keys are removed (an invalid value).
    set("selectedFile",
        keepSelected ? QVariant(store->sources()[store->file(*selected)].absolutePath) : QVariant());
    set("selectedOffset", keepSelected ? QVariant(qulonglong(store->offset(*selected))) : QVariant());
    // Saved as another deployment opens: the GUI thread does not wait for the disk.
    writeSettingsInBackground(std::move(values));
}

bool DeploymentSession::restore(const QStringList& roots, FilterBar& bar, ChartsPanel* charts) {
    waitForBackgroundSettings(); // the session saved last, when the same roots are opened again
    QSettings settings;
    settings.beginGroup(groupFor(roots));
    if (!settings.contains(QStringLiteral("roots"))) return false;
    bar.clear();
    bar.regexButton()->setChecked(settings.value(QStringLiteral("regex")).toBool());
    bar.caseButton()->setChecked(settings.value(QStringLiteral("caseSensitive")).toBool());
    bar.searchEdit()->setText(settings.value(QStringLiteral("search")).toString());
    bar.setFieldText(settings.value(QStringLiteral("fields")).toString());
    const QStringList hidden = settings.value(QStringLiteral("hiddenLevels")).toStringList();
    for (Level l : kLevels)
        if (QToolButton* b = bar.levelButton(l)) b->setChecked(!hidden.contains(QString::number(int(l))));
    const int range = settings.value(QStringLiteral("timeRange")).toInt();
    if (range == bar.timeRange()->count() - 1) // the custom range
        bar.setCustomRange(settings.value(QStringLiteral("fromUs")).toLongLong(),
                           settings.value(QStringLiteral("toUs")).toLongLong());
    else if (range >= 0 && range < bar.timeRange()->count())
        bar.timeRange()->setCurrentIndex(range);
    if (charts && settings.contains(QStringLiteral("chartWindow"))) {
        const int window = settings.value(QStringLiteral("chartWindow")).toInt();
        if (window >= 0 && window <= int(ChartWindow::All)) charts->setWindow(ChartWindow(window));
    }
    return true;
}

std::optional<EntryIndex> DeploymentSession::selectedEntry(const QStringList& roots,
                                                           const EntryStore& store) {
    waitForBackgroundSettings();
    QSettings settings;
    settings.beginGroup(groupFor(roots));
    const QString path = settings.value(QStringLiteral("selectedFile")).toString();
    if (path.isEmpty()) return std::nullopt;
    const std::uint64_t offset = settings.value(QStringLiteral("selectedOffset")).toULongLong();
    std::optional<FileId> file;
    for (std::uint32_t i = 0; i < store.sources().size(); ++i)
        if (store.sources()[FileId(i)].absolutePath == path) file = FileId(i);
    if (!file) return std::nullopt;
    for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i)
        if (store.file(EntryIndex(i)) == *file && store.offset(EntryIndex(i)) == offset) return EntryIndex(i);
    return std::nullopt;
}

} // namespace vigil
