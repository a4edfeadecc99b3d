#pragma once

namespace berth {

class GcActions;
class JobsPanel;
class MainWindow;
class RegistryActions;
class SearchBox;

/// The window's menu bar (File, Server, Compartment, Repository, Image, View, Help) and tool bar
/// (the common actions and the search field). Texts keep MainWindow's translation context.
class MainMenus
{
public:
    static void build(MainWindow& window, RegistryActions& actions, GcActions& gc, JobsPanel& jobsPanel,
                      SearchBox& search);
};

} // namespace berth
