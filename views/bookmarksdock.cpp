#include "bookmarksdock.h"

#include "models/bookmarkmodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>

namespace vigil {

BookmarksDock::BookmarksDock(QWidget* parent) : QDockWidget(tr("Bookmarks"), parent) {
    setObjectName(QStringLiteral("bookmarksDock"));
    m_list = new QTableView(this);
    m_list->setObjectName(QStringLiteral("bookmarks"));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setShowGrid(false);
    m_list->setWordWrap(false);
    m_list->verticalHeader()->setVisible(false);
    m_list->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setToolTip(tr("Ctrl+B bookmarks the selected entry; F2 and Shift+F2 step through them"));
    setWidget(m_list);

    auto activate = [this](const QModelIndex& index) {
        if (m_model && index.isValid()) Q_EMIT entryActivated(m_model->entryAt(index.row()));
    };
    connect(m_list, &QAbstractItemView::clicked, this, activate);
    connect(m_list, &QAbstractItemView::activated, this, activate);
    auto* remove = new QAction(tr("Remove bookmark"), m_list);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(remove);
    connect(remove, &QAction::triggered, this, &BookmarksDock::removeSelected);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this, remove](const QPoint& pos) {
        if (!m_list->indexAt(pos).isValid()) return;
        QMenu menu(this);
        menu.addAction(remove);
        menu.exec(m_list->viewport()->mapToGlobal(pos));
    });
}

void BookmarksDock::setModel(BookmarkModel* model) {
    QItemSelectionModel* old = m_list->selectionModel();
    m_model = model;
    m_list->setModel(model);
    if (old) old->deleteLater();
    if (!model) return;
    const QFontMetrics fm = fontMetrics();
    m_list->setColumnWidth(BookmarkModel::TimeColumn,
                           fm.horizontalAdvance(QStringLiteral("2025-11-10 10:20:00.000")) + 12);
    m_list->setColumnWidth(BookmarkModel::InstanceColumn,
                           fm.horizontalAdvance(QStringLiteral("octollm-orchestrat")) + 12);
}

void BookmarksDock::removeSelected() {
    if (!m_model || !m_list->selectionModel()) return;
    std::vector<EntryIndex> entries;
    for (const QModelIndex& index : m_list->selectionModel()->selectedRows())
        entries.push_back(m_model->entryAt(index.row()));
    for (EntryIndex e : entries)
        m_model->remove(e);
}

} // namespace vigil
