#include "patternsview.h"

#include "sparklinedelegate.h"

#include "models/insight/patternlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace vigil {

PatternsView::PatternsView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("patternsView"));
    m_order = new QComboBox(this);
    m_order->addItems({tr("Most frequent"), tr("Newest first"), tr("Most instances")});
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(0);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("patternsTable"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSortRole(PatternListModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setItemDelegateForColumn(PatternListModel::TrendColumn,
                                      new SparklineDelegate(PatternListModel::SparklineRole, this));
    m_table->setMinimumSize(120, 60);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_order);
    top->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    connect(m_order, qOverload<int>(&QComboBox::currentIndexChanged), this, &PatternsView::applyOrder);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (!m_model) return;
        Q_EMIT patternChosen(m_model->regexFor(m_proxy->mapToSource(index).row()));
    });
    connect(m_table, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (!m_model) return;
        Q_EMIT patternChosen(m_model->regexFor(m_proxy->mapToSource(index).row()));
    });
}

void PatternsView::setModel(PatternListModel* model) {
    m_model = model;
    m_proxy->setSourceModel(model);
    if (!model) return;
    QHeaderView* header = m_table->horizontalHeader();
    header->setMinimumSectionSize(30);
    header->setStretchLastSection(false);
    header->resizeSection(PatternListModel::CountColumn, 60);
    header->resizeSection(PatternListModel::PatternColumn, 260);
    header->resizeSection(PatternListModel::InstancesColumn, 65);
    header->resizeSection(PatternListModel::TrendColumn, 80);
    header->resizeSection(PatternListModel::FirstColumn, 110);
    header->resizeSection(PatternListModel::LastColumn, 110);
    applyOrder();
}

void PatternsView::setStatus(const QString& text) {
    m_status->setText(text);
}

void PatternsView::applyOrder() {
    switch (m_order->currentIndex()) {
    case 1:
        m_table->sortByColumn(PatternListModel::FirstColumn, Qt::DescendingOrder);
        break;
    case 2:
        m_table->sortByColumn(PatternListModel::InstancesColumn, Qt::DescendingOrder);
        break;
    default:
        m_table->sortByColumn(PatternListModel::CountColumn, Qt::DescendingOrder);
        break;
    }
}

} // namespace vigil
