#pragma once

#include "licensing/Licence.h"
#include "portal/PortalHtml.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace berth {

/// One row of the repository list.
struct PortalRepositoryRow
{
    QString name;
    QString description;
    bool isPublic = false;
    qint64 tagCount = 0;
    std::optional<LicenceVersion> licence; ///< the version in force when a licence gates it
};

/// What the repository page shows.
struct PortalRepositoryView
{
    QString name;
    QString description;
    bool isPublic = false;
    QStringList tags; ///< the first page, in order
    bool moreTags = false;
    QString registryHost; ///< "127.0.0.1:5000", for the pull commands
    LicenceCheck licence;
    bool signedIn = false;
    bool mayPush = false; ///< the visitor may push here, so the licence does not hold their pulls back
};

/// What the licence page shows.
struct PortalLicenceView
{
    QString repository;
    LicenceCheck licence;
    bool signedIn = false;
    QByteArray csrfToken;
    QString notice; ///< e.g. "The licence changed since you opened it"
};

/// The portal's pages. Every name, tag, description and licence title is escaped; a licence in
/// Markdown is rendered by MarkdownRenderer (safe mode), a plain-text one is shown as written.
class PortalPages
{
    Q_DECLARE_TR_FUNCTIONS(PortalPages)
public:
    static QByteArray repositoryList(const QList<PortalRepositoryRow>& rows, const PortalChrome& chrome);
    static QByteArray repository(const PortalRepositoryView& view, const PortalChrome& chrome);
    static QByteArray licence(const PortalLicenceView& view, const PortalChrome& chrome);
    /// `message` is shown above the form (a refusal, "wrong password"); `formEnabled` false when
    /// signing in cannot work here (plain HTTP to a host that is not loopback).
    static QByteArray signIn(const QString& message, const QString& userName, const QString& next,
                             bool formEnabled, const PortalChrome& chrome);
    /// A page saying what went wrong and what to do, with a link back.
    static QByteArray message(const QString& title, const QString& text, const PortalChrome& chrome);

    /// "You accepted version 2 on ...", "Accept the licence to pull", "Sign in to accept".
    static QString licenceStatus(const QString& repository, const LicenceCheck& check, bool signedIn,
                                 bool mayPush = false);
    /// The licence's text as HTML.
    static QString licenceBody(const LicenceVersion& version);
};

} // namespace berth
