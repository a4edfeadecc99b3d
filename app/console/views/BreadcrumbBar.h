#pragma once

#include "views/Location.h"

#include <QWidget>

class QHBoxLayout;

namespace berth {

/// The trail above the pages: Tenancy › compartment › … › repository › tag or digest. Every part but
/// the last is a link that goes there.
class BreadcrumbBar : public QWidget
{
    Q_OBJECT
public:
    explicit BreadcrumbBar(QWidget* parent = nullptr);

    void setLocation(const Location& location);
    /// The parts as shown, first to last (tests).
    QStringList parts() const;
    /// Goes to part `index` as a click would (nothing for the last part, which is where we are).
    void activatePart(int index);

signals:
    void activated(const berth::Location& location);

private:
    void addPart(const QString& text, const Location& target, bool link);

    QHBoxLayout* m_layout = nullptr;
    QList<Location> m_targets;
    QStringList m_parts;
};

} // namespace berth
