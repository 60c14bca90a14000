#pragma once
// The sidebar's instances, grouped by the root folder they were found under, with live
// entry and error counts (from the store's counters). Check boxes choose which instances
// the table shows; a root's box checks or clears all of its instances.

#include "store/entrystore.h"

#include <QAbstractItemModel>

#include <vector>

namespace vigil {

class InstanceModel : public QAbstractItemModel {
    Q_OBJECT
  public:
    enum Column { NameColumn, EntriesColumn, ErrorsColumn, ColumnCount };
    enum Role { InstanceIdRole = Qt::UserRole + 1, RemarkRole };

    explicit InstanceModel(const EntryStore& store, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Instances unchecked by the user, by InstanceId (for FilterSpec::hiddenInstances).
    std::vector<bool> hiddenInstances() const { return m_hidden; }
    // A remark per InstanceId ("error rate 38 %, siblings 2–4 %"): the name's tooltip and
    // RemarkRole, which the sidebar draws as a badge. Empty: none.
    void setRemarks(std::vector<QString> remarks);
    // Shows only this instance (or all again with an invalid id).
    void showOnly(InstanceId id);
    void showAll();
    // Hides exactly these instances (by InstanceId), as a saved or earlier filter had it.
    void setHiddenInstances(const std::vector<bool>& hidden);
    // The index of an instance's row, invalid when not listed.
    QModelIndex indexOf(InstanceId id) const;

  public Q_SLOTS:
    // Picks up entries appended since the last call: new instances and fresh counts.
    void refresh();
    // Forgets everything (the store was replaced).
    void reset();

  Q_SIGNALS:
    void hiddenInstancesChanged();

  private:
    struct Root {
        QString path;
        std::vector<std::uint32_t> instances; // InstanceIds, in order of appearance
    };
    static constexpr quintptr kRootItem = 0;
    bool isRoot(const QModelIndex& index) const { return index.internalId() == kRootItem; }
    int rootOf(const QString& path);
    Qt::CheckState rootState(const Root& root) const;
    void setHidden(std::uint32_t id, bool hidden);
    void notifyChecks();

    const EntryStore& m_store;
    std::vector<Root> m_roots;
    std::vector<int> m_rootOfInstance; // by InstanceId, -1 while unseen
    std::vector<bool> m_hidden;        // by InstanceId
    std::vector<QString> m_remarks;    // by InstanceId
    std::uint64_t m_seenEnd = 0;
};

} // namespace vigil
