#pragma once

#include "http/HttpRequest.h"
#include "portal/PortalHtml.h"
#include "portal/PortalOrigin.h"
#include "portal/PortalSessionStore.h"

#include <optional>

namespace berth {

/// One request to the portal as the pages see it: where it came from and the visitor's session
/// (none, an anonymous pre-session, or signed in).
struct PortalVisit
{
    const HttpRequest& request;
    PortalOrigin origin;
    QString clientAddress;
    std::optional<PortalSession> session;

    bool signedIn() const { return session && session->signedIn(); }
    AuthorizationSubject subject() const { return signedIn() ? session->subject : AuthorizationSubject(); }
    /// The user name for licence checks ("" when anonymous).
    QString userName() const { return signedIn() ? session->subject.userName : QString(); }
    PortalChrome chrome(const QString& signInNext = QString()) const
    {
        PortalChrome chrome;
        if (signedIn())
            chrome.userName = session->subject.userName;
        if (session)
            chrome.csrfToken = session->csrfToken;
        chrome.signInNext = signInNext;
        return chrome;
    }
};

} // namespace berth
