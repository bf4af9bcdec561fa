namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of /admin and /me (administration, one's own delegations, notifications and language):
/// Resources/Components/AdminText.resx holds Simplified Chinese (the neutral language), AdminText.en.resx English.
/// Kept apart from <see cref="UiText"/> and <see cref="WorkText"/> so the pages of different areas change different files.
/// </summary>
public sealed class AdminText;
