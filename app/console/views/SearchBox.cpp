#include "views/SearchBox.h"

#include "data/RegistryBrowser.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>

namespace berth {

namespace {
constexpr int HitRowRole = Qt::UserRole + 1;
}

SearchBox::SearchBox(QWidget* parent) : QLineEdit(parent)
{
    setPlaceholderText(tr("Search repositories and tags"));
    setClearButtonEnabled(true);
    setMaximumWidth(320);
    m_model = new QStandardItemModel(this);
    m_completer = new QCompleter(m_model, this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(15);
    setCompleter(m_completer);
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this,
            [this](const QModelIndex& index) { activateHit(index.data(HitRowRole).toInt()); });

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &SearchBox::searchNow);
    connect(this, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(this, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible())
            return; // the completer handles Enter on its list
        if (!m_hits.isEmpty())
            activateHit(0);
    });
}

void SearchBox::setBrowser(RegistryBrowser* browser)
{
    if (m_browser)
        disconnect(m_browser, nullptr, this, nullptr);
    m_browser = browser;
    m_request = 0;
    m_hits.clear();
    m_model->clear();
    setEnabled(browser != nullptr);
    if (browser)
        connect(browser, &RegistryBrowser::searchLoaded, this, &SearchBox::onSearchLoaded);
}

void SearchBox::searchNow()
{
    m_debounce.stop();
    const QString query = text().trimmed();
    if (!m_browser || query.isEmpty()) {
        m_hits.clear();
        m_model->clear();
        return;
    }
    m_request = m_browser->search(query, 50);
}

QString SearchBox::hitText(const SearchHit& hit)
{
    return hit.tag.isEmpty() ? hit.repository : hit.repository + QLatin1Char(':') + hit.tag;
}

void SearchBox::onSearchLoaded(quint64 id, const QString&, const QList<SearchHit>& hits)
{
    if (id != m_request)
        return;
    m_hits = hits;
    m_model->clear();
    for (int row = 0; row < hits.size(); ++row) {
        const SearchHit& hit = hits.at(row);
        auto* item = new QStandardItem(hitText(hit));
        item->setData(row, HitRowRole);
        item->setToolTip(hit.tag.isEmpty() ? tr("Repository in %1").arg(hit.compartment.describe())
                                           : hit.digest.toString());
        m_model->appendRow(item);
    }
    if (!hits.isEmpty() && hasFocus())
        m_completer->complete();
    emit hitsLoaded();
}

void SearchBox::activateHit(int row)
{
    if (row < 0 || row >= m_hits.size())
        return;
    const SearchHit hit = m_hits.at(row);
    m_completer->popup()->hide();
    emit hitActivated(hit);
}

} // namespace berth
