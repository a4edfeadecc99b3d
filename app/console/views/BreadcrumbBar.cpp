#include "views/BreadcrumbBar.h"

#include <QHBoxLayout>
#include <QLabel>

namespace berth {

BreadcrumbBar::BreadcrumbBar(QWidget* parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(6, 4, 6, 4);
    m_layout->addStretch(1);
}

QStringList BreadcrumbBar::parts() const
{
    return m_parts;
}

void BreadcrumbBar::activatePart(int index)
{
    if (index >= 0 && index < m_targets.size() - 1)
        emit activated(m_targets.at(index));
}

void BreadcrumbBar::setLocation(const Location& location)
{
    while (m_layout->count() > 1) {
        QLayoutItem* item = m_layout->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_targets.clear();
    m_parts.clear();

    const bool atCompartment = location.kind == Location::Kind::Compartment;
    const QStringList& names = location.compartment.names();
    addPart(tr("Tenancy"), Location::ofCompartment(CompartmentPath()), !(atCompartment && names.isEmpty()));
    for (int i = 0; i < names.size(); ++i) {
        const CompartmentPath path(names.mid(0, i + 1));
        addPart(names.at(i), Location::ofCompartment(path), !(atCompartment && i == names.size() - 1));
    }
    if (location.kind == Location::Kind::Compartment)
        return;
    addPart(location.repository, Location::ofRepository(location.compartment, location.repository),
            location.kind != Location::Kind::Repository);
    if (location.kind == Location::Kind::Manifest) {
        const QString digest = location.digest.toString();
        addPart(location.tag.isEmpty() ? digest.left(19) : location.tag, location, false);
    }
}

void BreadcrumbBar::addPart(const QString& text, const Location& target, bool link)
{
    if (!m_parts.isEmpty()) {
        auto* separator = new QLabel(QStringLiteral("\u203a"), this);
        m_layout->insertWidget(m_layout->count() - 1, separator);
    }
    auto* label = new QLabel(this);
    if (link) {
        const int index = m_targets.size();
        label->setText(QStringLiteral("<a href=\"%1\">%2</a>").arg(index).arg(text.toHtmlEscaped()));
        label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        connect(label, &QLabel::linkActivated, this,
                [this](const QString& href) { emit activated(m_targets.value(href.toInt())); });
    } else {
        label->setText(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    }
    m_targets.append(target);
    m_parts.append(text);
    m_layout->insertWidget(m_layout->count() - 1, label);
}

} // namespace berth
