#include "patternlistmodel.h"

#include "../metrics/timemath.h"
#include "../secrets/safetext.h"

#include <QDateTime>
#include <QRegularExpression>

namespace vigil {

PatternListModel::PatternListModel(const InstanceTable& instances, QObject* parent)
    : QAbstractTableModel(parent), m_instances(instances) {}

void PatternListModel::setRows(PatternRows rows) {
    if (!rows) rows = std::make_shared<const std::vector<PatternRow>>();
    const int before = rowCount(), after = int(rows->size());
    if (after < before) { // a new index (other roots): start over
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_rows = std::move(rows);
        endInsertRows();
    } else {
        m_rows = std::move(rows);
    }
    if (before > 0) Q_EMIT dataChanged(index(0, 0), index(before - 1, ColumnCount - 1));
}

void PatternListModel::setUtc(bool utc) {
    m_utc = utc;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, FirstColumn), index(rowCount() - 1, LastColumn));
}

QString PatternListModel::shownPattern(int row) const {
    return shownLogValue(QString::fromStdString(patternRow(row).pattern), m_masker);
}

QString PatternListModel::regexFor(int row) const {
    // Built from the masked pattern: what the search box then shows holds no secret.
    const std::string masked = m_masker.mask(std::string_view(patternRow(row).pattern));
    QString re = QString::fromStdString(MessagePattern::toRegex(masked));
    return re.replace(QStringLiteral("\\*\\*\\*"), QStringLiteral(".*?"));
}

QString PatternListModel::timeText(std::int64_t us) const {
    if (us == INT64_MAX || us == INT64_MIN) return {};
    QDateTime t = QDateTime::fromMSecsSinceEpoch(msFromUs(us), m_utc ? Qt::UTC : Qt::LocalTime);
    return t.toString(QStringLiteral("MM-dd HH:mm:ss"));
}

int PatternListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows->size());
}

int PatternListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatternListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const PatternRow& r = patternRow(index.row());
    if (role == SparklineRole) {
        QVariantList list;
        for (std::uint32_t v : r.sparkline)
            list << v;
        return list;
    }
    if (role == RegexRole) return regexFor(index.row());
    if (role == Qt::ToolTipRole) {
        QStringList lines{shownPattern(index.row()),
                          timeText(r.firstUs) + QStringLiteral(" .. ") + timeText(r.lastUs)};
        for (const auto& [id, n] : r.instances)
            lines << QStringLiteral("%1: %2").arg(shownLogValue(m_instances.label(id), m_masker)).arg(n);
        const std::string_view level = levelName(r.highest);
        if (!level.empty())
            lines << tr("highest level: %1").arg(QString::fromLatin1(level.data(), int(level.size())));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == CountColumn || index.column() == InstancesColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case PatternColumn:
            return QString::fromStdString(r.pattern);
        case CountColumn:
            return qulonglong(r.count);
        case InstancesColumn:
            return qulonglong(r.instances.size());
        case FirstColumn:
            return qlonglong(r.firstUs);
        case LastColumn:
            return qlonglong(r.lastUs);
        case TrendColumn:
            return r.sparkline.empty() ? 0u : r.sparkline.back();
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case PatternColumn:
        return shownPattern(index.row());
    case CountColumn:
        return qulonglong(r.count);
    case InstancesColumn:
        return qulonglong(r.instances.size());
    case FirstColumn:
        return timeText(r.firstUs);
    case LastColumn:
        return timeText(r.lastUs);
    }
    return {};
}

QVariant PatternListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case PatternColumn:
        return tr("Pattern");
    case CountColumn:
        return tr("Count");
    case InstancesColumn:
        return tr("Instances");
    case FirstColumn:
        return tr("First seen");
    case LastColumn:
        return tr("Last seen");
    case TrendColumn:
        return tr("Trend");
    }
    return {};
}

} // namespace vigil
