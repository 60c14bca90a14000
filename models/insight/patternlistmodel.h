#pragma once
// The Patterns view's rows: one per message pattern with its count, instances, first and
// last times and a sparkline of its counts over time. Rows keep their place as counts
// change (new patterns are appended), so a sorting proxy above keeps the selection and a
// live update is a dataChanged, not a reset. Patterns are shown masked (secretmasker.h).

#include "patternrunner.h"

#include "../secrets/secretmasker.h"
#include "../store/instancetable.h"

#include <QAbstractTableModel>

namespace vigil {

class PatternListModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    // The count and the pattern first: a narrow dock still shows what matters.
    enum Column {
        CountColumn,
        PatternColumn,
        InstancesColumn,
        TrendColumn,
        FirstColumn,
        LastColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // numbers as numbers, the pattern as text
        SparklineRole,           // QVariantList of counts, oldest first
        RegexRole,               // a regular expression finding the pattern's entries
    };

    explicit PatternListModel(const InstanceTable& instances, QObject* parent = nullptr);

    void setRows(PatternRows rows);
    void setUtc(bool utc);
    const PatternRow& patternRow(int row) const { return (*m_rows)[std::size_t(row)]; }

    // The pattern as shown (masked) and a regular expression for the filter bar's search.
    QString shownPattern(int row) const;
    QString regexFor(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    QString timeText(std::int64_t us) const;

    const InstanceTable& m_instances;
    PatternRows m_rows = std::make_shared<const std::vector<PatternRow>>();
    SecretMasker m_masker;
    bool m_utc = false;
};

} // namespace vigil
