#pragma once
// The instance key of the charts and their picker in one row: a check box per instance
// with its colour swatch, so the charts need no legend of their own.

#include "models/store/ids.h"

#include <QScrollArea>

#include <map>
#include <set>

class QCheckBox;
class QHBoxLayout;

namespace vigil {

class InstancePicker : public QScrollArea {
    Q_OBJECT
  public:
    explicit InstancePicker(QWidget* parent = nullptr);

    // Adds boxes for instances not shown yet (instances never disappear from the metrics).
    void setInstances(const std::vector<std::pair<InstanceId, QString>>& instances,
                      const std::set<InstanceId>& hidden);
    void setChecked(InstanceId instance, bool checked);
    QCheckBox* box(InstanceId instance) const;

  Q_SIGNALS:
    void instanceToggled(InstanceId instance, bool shown);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void updateSwatches();

    QHBoxLayout* m_row;
    std::map<InstanceId, QCheckBox*> m_boxes;
};

} // namespace vigil
