namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of the library of rules (政策法规库, /regulations): Resources/Components/LibraryText.resx
/// holds Simplified Chinese (the neutral language), LibraryText.en.resx English.
/// </summary>
public sealed class LibraryText;
