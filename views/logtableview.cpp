#include "logtableview.h"

#include "backgroundsettings.h"
#include "logtabledelegate.h"

#include "models/logtablemodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>

namespace vigil {

LogTableView::LogTableView(QWidget* parent) : RowWindowView(parent), m_delegate(new LogTableDelegate(this)) {
    QTableView* table = body();
    table->setItemDelegate(m_delegate);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setAlternatingRowColors(true);
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->setTextElideMode(Qt::ElideRight);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Fixed row heights: the view never measures rows, so ten million scroll like ten.
    QHeaderView* rows = verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    rows->setMinimumSectionSize(fontMetrics().height() + 2);
    QHeaderView* columns = horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(columns, &QHeaderView::customContextMenuRequested, this, &LogTableView::showHeaderMenu);
    // Resized or moved columns are kept, written once the user stops dragging.
    m_saveColumns = new QTimer(this);
    m_saveColumns->setSingleShot(true);
    m_saveColumns->setInterval(500);
    connect(m_saveColumns, &QTimer::timeout, this, [this] { writeSettingsInBackground(columnSettings()); });
    connect(columns, &QHeaderView::sectionResized, this, [this] {
        if (this->model()) m_saveColumns->start();
    });
    connect(columns, &QHeaderView::sectionMoved, this, [this] {
        if (this->model()) m_saveColumns->start();
    });

    QScrollBar* bar = verticalScrollBar();
    // New rows, a new result or a resized viewport keep following at the bottom.
    connect(this, &RowWindowView::scrollRangeChanged, this, [this] {
        if (m_follow && !m_paused) keepNewestInView();
    });
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (m_autoScrolling || !m_follow) return;
        const bool paused = value < bar->maximum();
        if (paused != m_paused) {
            m_paused = paused;
            Q_EMIT followStateChanged(m_follow, m_paused);
        }
    });
}

void LogTableView::setModel(QAbstractItemModel* model) {
    RowWindowView::setModel(model);
    if (model) restoreColumns();
}

void LogTableView::keepNewestInView() {
    m_autoScrolling = true;
    scrollToBottom();
    m_autoScrolling = false;
}

void LogTableView::setFollowing(bool follow) {
    m_follow = follow;
    m_paused = false;
    if (follow) keepNewestInView();
    Q_EMIT followStateChanged(m_follow, m_paused);
}

void LogTableView::showHeaderMenu(const QPoint& pos) {
    QMenu menu(this);
    QHeaderView* header = horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        QAction* action = menu.addAction(model()->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        connect(action, &QAction::toggled, this, [this, header, c](bool shown) {
            header->setSectionHidden(c, !shown);
            saveColumns();
        });
    }
    menu.addSeparator();
    connect(menu.addAction(tr("Reset columns")), &QAction::triggered, this, &LogTableView::resetColumns);
    menu.exec(header->mapToGlobal(pos));
}

void LogTableView::resetColumns() {
    waitForBackgroundSettings(); // or a layout written late would come back
    QSettings().remove(QStringLiteral("table/header"));
    QHeaderView* h = horizontalHeader();
    for (int c = 0; c < h->count(); ++c) {
        h->setSectionHidden(c, false);
        h->moveSection(h->visualIndex(c), c);
    }
    restoreColumns();
}

SettingsValues LogTableView::columnSettings() const {
    return {{QStringLiteral("table/header"), horizontalHeader()->saveState()},
            {QStringLiteral("table/columns"), horizontalHeader()->count()}};
}

void LogTableView::saveColumns() const {
    waitForBackgroundSettings(); // an older layout written after this one would win
    QSettings settings;
    for (const auto& [key, value] : columnSettings())
        settings.setValue(key, value);
}

void LogTableView::restoreColumns() {
    waitForBackgroundSettings(); // the layout last saved, not the one before it
    QHeaderView* header = horizontalHeader();
    const QByteArray state = QSettings().value(QStringLiteral("table/header")).toByteArray();
    if (!state.isEmpty() && header->restoreState(state)) {
        // Columns added since the layout was saved would show at its end: they start hidden.
        const int known =
            QSettings().value(QStringLiteral("table/columns"), int(LogTableModel::GapColumn)).toInt();
        for (int c = known; c < header->count(); ++c)
            header->setSectionHidden(c, true);
        return;
    }
    const QFontMetrics fm = fontMetrics();
    header->resizeSection(LogTableModel::TimeColumn,
                          fm.horizontalAdvance(QStringLiteral("2025-11-10 10:20:00.000")) + 16);
    header->resizeSection(LogTableModel::InstanceColumn,
                          fm.horizontalAdvance(QStringLiteral("octollm-orchestrator")) + 12);
    header->resizeSection(LogTableModel::LevelColumn, fm.horizontalAdvance(QStringLiteral("CRITICAL")) + 20);
    header->resizeSection(LogTableModel::LoggerColumn,
                          fm.horizontalAdvance(QStringLiteral("middleware.performanc")));
    header->resizeSection(LogTableModel::MessageColumn, fm.horizontalAdvance(QLatin1Char('x')) * 52);
    header->resizeSection(LogTableModel::DurationColumn,
                          fm.horizontalAdvance(QStringLiteral("1234.56 s")) + 12);
    header->resizeSection(LogTableModel::RequestIdColumn,
                          fm.horizontalAdvance(QStringLiteral("req_a276cb0ab0cac06e")) + 12);
    // The gap shows when following a request id (a timeline), or when the user asks.
    header->resizeSection(LogTableModel::GapColumn,
                          fm.horizontalAdvance(QStringLiteral("+12 min 59 s")) + 12);
    header->setSectionHidden(LogTableModel::GapColumn, true);
    header->moveSection(header->visualIndex(LogTableModel::GapColumn), 1);
}

} // namespace vigil
