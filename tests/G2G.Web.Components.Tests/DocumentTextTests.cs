using System.Globalization;
using Bunit;
using G2G.Documents.Records;
using G2G.Web.Components.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The documents pages name every type, urgency and state in both languages (never the bare key), and mark 特急 and
/// 加急 in colour as well as words.
/// </summary>
public sealed class DocumentTextTests : WorkContext
{
    private static readonly string[] States =
        [DocumentStates.Draft, DocumentStates.Numbered, DocumentStates.Sealed, DocumentStates.Dispatched, DocumentStates.Destroyed];

    private static readonly string[] Receipts = [ReceiptStates.Pending, ReceiptStates.Received, ReceiptStates.Refused, ReceiptStates.Handled];

    private static readonly string[] UrgencyNames = [Urgencies.VeryUrgent, Urgencies.Urgent, Urgencies.Normal];

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryTypeUrgencyAndState_HasAText(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var text = Services.GetRequiredService<IStringLocalizer<DocumentText>>();
        string[] keys =
        [
            .. DocumentTypes.All.Select(t => "Type_" + t), .. UrgencyNames.Select(u => "Urgency_" + u), .. States.Select(s => "State_" + s),
            .. Receipts.Select(r => "Receipt_" + r), .. Enum.GetNames<G2G.Documents.DocumentFlow>().Select(f => "Flow_" + f),
        ];
        var missing = keys.Where(k => text[k].ResourceNotFound).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
        Assert.Equal(culture == "en" ? "Letter (函)" : "函", text["Type_函"].Value);
    }

    [Fact]
    public void AVeryUrgentDocument_IsMarkedInRed_AndANormalOneInWordsOnly()
    {
        var veryUrgent = Context.Render<DocumentUrgency>(p => p.Add(u => u.Urgency, Urgencies.VeryUrgent));
        var chip = veryUrgent.Find("[data-urgency=特急]");
        Assert.Equal("特急", chip.TextContent.Trim());
        Assert.Contains("color-error", chip.ClassName, StringComparison.Ordinal);

        var normal = Context.Render<DocumentUrgency>(p => p.Add(u => u.Urgency, Urgencies.Normal));
        Assert.Empty(normal.FindAll("[data-urgency]"));
        Assert.Equal("平急", normal.Find("span").TextContent);
    }

    [Theory]
    [InlineData("zh-CN", "秘密★10年")]
    [InlineData("en", "Secret, 10 years")]
    public void TheSecrecyTerm_FollowsTheLevel(string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var levels = Services.GetRequiredService<IStringLocalizer<AdminText>>();
        var text = Services.GetRequiredService<IStringLocalizer<DocumentText>>();

        Assert.Equal(expected, DocumentDisplay.Secrecy(G2G.Runtime.Organisation.ClearanceLevel.Secret, 10, levels, text));
        Assert.Equal(culture == "en" ? "Internal" : "内部", DocumentDisplay.Secrecy(G2G.Runtime.Organisation.ClearanceLevel.Internal, null, levels, text));
    }
}
