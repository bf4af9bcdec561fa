using G2G.Runtime.Organisation;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>The four relationships on a small province: 省政府 with two bureaus, two cities with a bureau and a county each.</summary>
public sealed class AgencyRelationsTests
{
    //  gd 省政府
    //  ├─ gd-fin 省财政厅 ──业务指导──▶ gz-fin
    //  ├─ gd-edu 省教育厅
    //  ├─ gz 广州市政府
    //  │  ├─ gz-fin 市财政局
    //  │  └─ gz-hp 黄埔区政府
    //  └─ sz 深圳市政府
    //     └─ sz-ns 南山区政府
    //  hk (another root)
    private static readonly AgencyRelations Province = new(
        [
            ("gd", null), ("gd-fin", "gd"), ("gd-edu", "gd"),
            ("gz", "gd"), ("gz-fin", "gz"), ("gz-hp", "gz"),
            ("sz", "gd"), ("sz-ns", "sz"), ("hk", null),
        ],
        [new GuidanceLine("gd-fin", "gz-fin")]);

    [Theory]
    [InlineData("gd", "gz", "gd")]          // province over a city
    [InlineData("gz", "gd", "gd")]          // asked the other way round: the superior is still gd
    [InlineData("gd", "sz-ns", "gd")]       // over two levels
    [InlineData("gz-hp", "gz", "gz")]
    public void AncestorAndDescendant_AreSubordination_NamingTheSuperior(string first, string second, string superior)
    {
        var relation = Province.Between(first, second);

        Assert.Equal(AgencyRelationKind.Subordination, relation.Kind);
        Assert.Equal(superior, relation.SuperiorId);
        Assert.Equal(superior == first ? second : first, relation.SubordinateId);
        Assert.Equal(superior == first, relation.FirstIsSuperior);
        Assert.Equal(superior == second, relation.SecondIsSuperior);
    }

    [Fact]
    public void DeclaredGuidanceLine_IsGuidance_InBothDirections()
    {
        var down = Province.Between("gd-fin", "gz-fin");
        var up = Province.Between("gz-fin", "gd-fin");

        Assert.Equal(AgencyRelationKind.Guidance, down.Kind);
        Assert.True(down.FirstIsSuperior);
        Assert.Equal(AgencyRelationKind.Guidance, up.Kind);
        Assert.True(up.SecondIsSuperior);
        Assert.Equal("gd-fin guides gz-fin (业务指导 guidance)", up.ToString());
    }

    [Fact]
    public void GuidanceIsNotInherited_TheSameBureauAndAnotherCitysBureauAreNotAffiliated()
    {
        Assert.Equal(AgencyRelationKind.NonAffiliated, Province.Between("gd-fin", "gz-hp").Kind);
        Assert.Equal(AgencyRelationKind.NonAffiliated, Province.Between("gd-edu", "gz-fin").Kind);
    }

    [Theory]
    [InlineData("gd-fin", "gd-edu")]   // two bureaus of the province
    [InlineData("gd-fin", "gz")]       // a bureau and a city under the same province
    [InlineData("gz-fin", "gz-hp")]
    public void SameParent_IsParallel(string first, string second)
    {
        var relation = Province.Between(first, second);

        Assert.Equal(AgencyRelationKind.Parallel, relation.Kind);
        Assert.Null(relation.SuperiorId);
    }

    [Theory]
    [InlineData("gz-fin", "sz-ns")]    // cousins
    [InlineData("gd-edu", "gz-hp")]    // a bureau and another city's district
    [InlineData("gd", "hk")]           // two roots have no common superior
    public void EverythingElse_IsNonAffiliated(string first, string second) =>
        Assert.Equal(AgencyRelationKind.NonAffiliated, Province.Between(first, second).Kind);

    [Fact]
    public void SubordinationWinsOverADeclaredLine()
    {
        var relations = new AgencyRelations([("a", null), ("b", "a")], [new GuidanceLine("a", "b")]);

        Assert.Equal(AgencyRelationKind.Subordination, relations.Between("b", "a").Kind);
    }

    [Fact]
    public void TheSameAgency_IsSame() => Assert.Equal(AgencyRelationKind.Same, Province.Between("gz", "gz").Kind);

    [Fact]
    public void UnknownAgency_IsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => Province.Between("gd", "nowhere"));

        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATreeWithACycle_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AgencyRelations([("a", "b"), ("b", "a")], []));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ancestors_RunUpToTheRoot() => Assert.Equal(["sz", "gd"], Province.Ancestors("sz-ns"));
}
