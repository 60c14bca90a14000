#pragma once
// The alert list: active alerts and history (time, instance, rule, value, state) with
// acknowledge and snooze buttons. Activating an alert asks the window to show its
// entries: its instance and time range.

#include "models/alerts/alert.h"

#include <QPointer>
#include <QWidget>

#include <cstdint>

class QTableView;
class QPushButton;

class QAbstractProxyModel;

namespace vigil {

class AlertListModel;
class AlertPresenter;
class AlertEngine;

class AlertListPanel : public QWidget {
    Q_OBJECT
  public:
    explicit AlertListPanel(AlertPresenter& presenter, QWidget* parent = nullptr);
    // The alerts to list (none: nothing is open). The model outlives its use here or is
    // replaced first.
    void setModel(AlertListModel* model);

    QTableView* view() const { return m_view; }
    AlertListModel* model() const { return m_model; }
    void selectAlert(std::uint64_t id);

  Q_SIGNALS:
    // The instance (empty: all) and entry-time range [fromUs, toUs] behind an alert.
    void showEntriesRequested(const QString& instance, qint64 fromUs, qint64 toUs);
    void rulesRequested();

  private:
    std::uint64_t currentId() const;
    void updateButtons();

    AlertPresenter& m_presenter;
    QPointer<AlertListModel> m_model;
    QAbstractProxyModel* m_proxy;
    QMetaObject::Connection m_modelReset;
    AlertEngine* engine() const;
    QTableView* m_view;
    QPushButton *m_ack, *m_snooze15, *m_snooze60, *m_rules;
};

// The entry-time range behind an alert: the window before it fired up to its end (or up
// to now, while active).
void alertEntryRange(const Alert& alert, qint64& fromUs, qint64& toUs);

} // namespace vigil
