#pragma once

#include "registry/ImageCatalog.h"

#include <QLineEdit>
#include <QTimer>

class QCompleter;
class QStandardItemModel;

namespace berth {

class RegistryBrowser;

/// The search field of the tool bar: as the person types (after a short pause) it asks
/// RegistryBrowser::search and lists the hits (repositories, then repository:tag) in a popup; Enter or
/// a click on a hit emits hitActivated. Enter without choosing takes the first hit.
class SearchBox : public QLineEdit
{
    Q_OBJECT
public:
    explicit SearchBox(QWidget* parent = nullptr);

    /// The browser to search with (null while no registry is open).
    void setBrowser(RegistryBrowser* browser);
    /// Searches now instead of after the pause (tests).
    void searchNow();
    QList<SearchHit> hits() const { return m_hits; }
    QCompleter* popupCompleter() const { return m_completer; }
    /// Emits hitActivated for hit `row` of the list.
    void activateHit(int row);

signals:
    void hitActivated(const berth::SearchHit& hit);
    /// The answer to a search arrived (tests).
    void hitsLoaded();

private:
    void onSearchLoaded(quint64 id, const QString& text, const QList<berth::SearchHit>& hits);
    static QString hitText(const SearchHit& hit);

    RegistryBrowser* m_browser = nullptr;
    QCompleter* m_completer = nullptr;
    QStandardItemModel* m_model = nullptr;
    QTimer m_debounce;
    quint64 m_request = 0;
    QList<SearchHit> m_hits;
};

} // namespace berth
