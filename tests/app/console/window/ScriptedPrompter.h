#pragma once

#include "dialogs/Prompter.h"

#include <QStringList>

/// A Prompter that answers from what the test put in it and records what was asked.
class ScriptedPrompter : public berth::Prompter
{
public:
    std::optional<NewCompartment> newCompartment;
    std::optional<QString> compartmentName;
    std::optional<berth::CompartmentPath> compartment;
    std::optional<NewRepository> newRepository;
    bool confirmAnswer = true;
    QStringList importFiles;
    std::optional<ExportChoice> exportChoice;
    std::optional<berth::GcOptions> gcOptions;
    bool licenceAnswer = false; ///< Continue (true) or Cancel
    QList<berth::Licence> licencesShown;

    QStringList asked;  ///< titles or kinds of every question, in order
    QStringList errors; ///< "title: text" of every error shown
    QList<berth::CompartmentPath> offeredCompartments;

    std::optional<NewCompartment> askNewCompartment(QWidget*,
                                                    const QList<berth::CompartmentPath>& compartments,
                                                    const berth::CompartmentPath&) override
    {
        asked << QStringLiteral("newCompartment");
        offeredCompartments = compartments;
        return std::exchange(newCompartment, std::nullopt);
    }
    std::optional<QString> askCompartmentName(QWidget*, const berth::CompartmentPath&) override
    {
        asked << QStringLiteral("compartmentName");
        return std::exchange(compartmentName, std::nullopt);
    }
    std::optional<berth::CompartmentPath> askCompartment(QWidget*, const QString& title, const QString&,
                                                         const QList<berth::CompartmentPath>& compartments,
                                                         const berth::CompartmentPath&) override
    {
        asked << title;
        offeredCompartments = compartments;
        return std::exchange(compartment, std::nullopt);
    }
    std::optional<NewRepository> askNewRepository(QWidget*, const QList<berth::CompartmentPath>& compartments,
                                                  const berth::CompartmentPath&) override
    {
        asked << QStringLiteral("newRepository");
        offeredCompartments = compartments;
        return std::exchange(newRepository, std::nullopt);
    }
    bool confirm(QWidget*, const QString& title, const QString& text) override
    {
        asked << title + QStringLiteral(": ") + text;
        return confirmAnswer;
    }
    QStringList askImportFiles(QWidget*) override
    {
        asked << QStringLiteral("importFiles");
        return std::exchange(importFiles, {});
    }
    std::optional<ExportChoice> askExport(QWidget*, const QString&, const QString&) override
    {
        asked << QStringLiteral("export");
        return std::exchange(exportChoice, std::nullopt);
    }
    void showError(QWidget*, const QString& title, const QString& text) override
    {
        errors << title + QStringLiteral(": ") + text;
    }
    std::optional<berth::GcOptions> askGarbageCollection(QWidget*, berth::GcBrowser&) override
    {
        asked << QStringLiteral("garbageCollection");
        return std::exchange(gcOptions, std::nullopt);
    }
    bool acceptLicence(QWidget*, const QString& repository, const berth::Licence& licence) override
    {
        asked << QStringLiteral("licence ") + repository;
        licencesShown << licence;
        return licenceAnswer;
    }
};
