#include "alertlistmodel.h"

#include "alerts/alertjson.h"
#include "metrics/timemath.h"

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>

namespace vigil {

AlertListModel::AlertListModel(AlertEngine& engine, QObject* parent)
    : QAbstractTableModel(parent), m_engine(engine) {
    auto later = [this] {
        // Evaluating a second may raise many alerts: refresh once, after the burst.
        if (m_pending) return;
        m_pending = true;
        QMetaObject::invokeMethod(this, &AlertListModel::refresh, Qt::QueuedConnection);
    };
    connect(&engine, &AlertEngine::alertRaised, this, later);
    connect(&engine, &AlertEngine::alertUpdated, this, later);
    connect(&engine, &AlertEngine::alertResolved, this, later);
    connect(&engine, &AlertEngine::activeChanged, this, later);
    // A moving current value redraws its row; the order stays.
    connect(&engine, &AlertEngine::alertValueChanged, this, [this](const Alert& a) {
        const int row = rowOf(a.id);
        if (row < 0) return;
        if (m_changedFirst < 0)
            QMetaObject::invokeMethod(this, &AlertListModel::flushValueChanges, Qt::QueuedConnection);
        m_changedFirst = m_changedFirst < 0 ? row : std::min(m_changedFirst, row);
        m_changedLast = std::max(m_changedLast, row);
    });
    refresh();
}

void AlertListModel::flushValueChanges() {
    const int first = m_changedFirst, last = std::min(m_changedLast, rowCount() - 1);
    m_changedFirst = m_changedLast = -1;
    // A reset since (refresh()) redrew every row already.
    if (first < 0 || first > last) return;
    Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void AlertListModel::refresh() {
    m_pending = false;
    m_changedFirst = m_changedLast = -1; // the reset redraws every row
    std::vector<std::uint64_t> ids;
    const auto& history = m_engine.history();
    for (auto it = history.rbegin(); it != history.rend(); ++it)
        if (it->active()) ids.push_back(it->id);
    for (auto it = history.rbegin(); it != history.rend(); ++it)
        if (!it->active()) ids.push_back(it->id);
    beginResetModel();
    m_ids.swap(ids);
    endResetModel();
}

const Alert* AlertListModel::alertAt(int row) const {
    if (row < 0 || row >= int(m_ids.size())) return nullptr;
    return m_engine.find(m_ids[std::size_t(row)]);
}

int AlertListModel::rowOf(std::uint64_t id) const {
    for (std::size_t k = 0; k < m_ids.size(); ++k)
        if (m_ids[k] == id) return int(k);
    return -1;
}

int AlertListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_ids.size());
}
int AlertListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.model() != this) return {};
    const Alert* a = alertAt(index.row());
    if (!a) return {};
    switch (role) {
    case AlertIdRole:
        return QVariant::fromValue<qulonglong>(a->id);
    case SeverityRole:
        return int(a->active() ? a->severity : Severity::None);
    case ActiveRole:
        return a->active();
    case Qt::ToolTipRole:
        return a->summary();
    case Qt::DisplayRole:
        switch (index.column()) {
        case ColTime:
            return QDateTime::fromMSecsSinceEpoch(msFromUs(a->raisedUs))
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ColInstance:
            return a->instance.isEmpty() ? tr("all instances") : a->shownInstance();
        case ColRule:
            return a->ruleName;
        case ColValue:
            return a->valuesText();
        case ColState: {
            QString s = a->active() ? severityName(a->severity)
                                    : tr("resolved %1")
                                          .arg(QDateTime::fromMSecsSinceEpoch(msFromUs(a->resolvedUs))
                                                   .toString(QStringLiteral("HH:mm:ss")));
            if (a->acknowledged) s += tr(", acknowledged");
            if (a->repeats) s += tr(", +%n repeat(s)", nullptr, a->repeats);
            return s;
        }
        }
        return {};
    default:
        return {};
    }
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case ColTime:
        return tr("Time");
    case ColInstance:
        return tr("Instance");
    case ColRule:
        return tr("Rule");
    case ColValue:
        return tr("Value");
    case ColState:
        return tr("State");
    }
    return {};
}

} // namespace vigil
