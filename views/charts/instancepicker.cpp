#include "instancepicker.h"

#include "chartstyle.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace vigil {

InstancePicker::InstancePicker(QWidget* parent) : QScrollArea(parent) {
    auto* body = new QWidget;
    m_row = new QHBoxLayout(body);
    m_row->setContentsMargins(2, 0, 2, 0);
    m_row->addWidget(new QLabel(tr("Instances:")));
    m_row->addStretch(1);
    setWidget(body);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFixedHeight(body->sizeHint().height() + 14);
}

void InstancePicker::setInstances(const std::vector<std::pair<InstanceId, QString>>& instances,
                                  const std::set<InstanceId>& hidden) {
    bool added = false;
    for (const auto& [id, name] : instances) {
        if (m_boxes.count(id)) continue;
        auto* box = new QCheckBox(name);
        box->setChecked(!hidden.count(id));
        box->setToolTip(
            tr("Show %1 in the charts and the endpoint table; click its line to filter the log").arg(name));
        connect(box, &QCheckBox::toggled, this, [this, id = id](bool on) { Q_EMIT instanceToggled(id, on); });
        m_row->insertWidget(m_row->count() - 1, box);
        m_boxes[id] = box;
        added = true;
    }
    if (added) updateSwatches();
}

void InstancePicker::setChecked(InstanceId instance, bool checked) {
    if (QCheckBox* b = box(instance)) {
        const QSignalBlocker block(b);
        b->setChecked(checked);
    }
}

QCheckBox* InstancePicker::box(InstanceId instance) const {
    const auto it = m_boxes.find(instance);
    return it == m_boxes.end() ? nullptr : it->second;
}

void InstancePicker::updateSwatches() {
    const bool dark = isDarkChartPalette(palette());
    for (auto& [id, box] : m_boxes) {
        QPixmap swatch(14, 14);
        swatch.fill(Qt::transparent);
        QPainter p(&swatch);
        p.fillRect(QRect(1, 5, 12, 4), instanceColor(id, dark));
        p.end();
        box->setIcon(QIcon(swatch));
    }
}

void InstancePicker::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) updateSwatches();
    QScrollArea::changeEvent(event);
}

} // namespace vigil
