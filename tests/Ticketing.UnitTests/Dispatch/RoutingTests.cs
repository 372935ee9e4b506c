using Ticketing.Contracts;
using Ticketing.Dispatch.Offices;
using Ticketing.Dispatch.Routing;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>Routing over the sample city that ships with the service (services/Dispatch/Offices/sample-city.json).</summary>
public sealed class RoutingTests
{
    internal static readonly OfficeDirectory City = Directory(DirectoryFile.Read(DirectoryFile.PathOf(new DispatchOptions())));

    internal static OfficeDirectory Directory(DirectoryFile file)
    {
        var (offices, rules) = file.ToEntities(DateTimeOffset.UtcNow);
        return new OfficeDirectory(offices, rules);
    }

    [Theory]
    [InlineData(Category.Report, null, "XC", "SFS-CG")]                   // a category rule for every region beats the region's own office
    [InlineData(Category.Complaint, "Market", "NS", "SFS-SCJG")]          // a category × region rule
    [InlineData(Category.Complaint, "OtherComplaint", "DC-DH", "SFS-DC-DH")] // the subdistrict's jurisdiction
    [InlineData(Category.Complaint, null, "DC-XX", "SFS-DC")]             // unknown subdistrict: up the region tree to its district
    [InlineData(Category.HelpRequest, "Heating", "BH", "SFS-BH-QS")]
    [InlineData(Category.Consultation, null, "BH", "SFS-BH")]
    [InlineData(Category.Complaint, "Noise", "DC-DH", "SFS-DC")]          // the sub-category rule for DC covers its subdistricts
    [InlineData(Category.Report, "IllegalConstruction", "XC", "SFS-CG")]
    public void Tickets_go_to_the_most_specific_rules_lead_office(Category category, string? subCategory, string region, string office) =>
        Assert.Equal(office, City.Route(category, subCategory, region)!.Lead.Code);

    [Fact]
    public void A_rule_with_co_handlers_gives_each_a_part_and_says_which_rule_decided()
    {
        var decision = City.Route(Category.Report, "IllegalConstruction", "DC-DH")!;
        Assert.Equal("SFS-CG", decision.Lead.Code);
        Assert.Equal(["SFS-ZJ"], decision.CoHandlers.Select(o => o.Code));
        Assert.Contains("IllegalConstruction", decision.Reason);
        Assert.Equal(City.Rules.Single(r => r.SubCategory == "IllegalConstruction").Id, decision.RuleId);
    }

    [Fact]
    public void No_rule_for_a_region_outside_the_city_leaves_the_ticket_to_a_dispatcher() =>
        Assert.Null(City.Route(Category.Complaint, null, "ZZ"));

    [Fact]
    public void Priority_beats_specificity_and_inactive_offices_are_passed_by()
    {
        var file = new DirectoryFile("t",
            [Seed("A"), Seed("B"), Seed("C", active: false)],
            [
                new RuleDetails("DC", "A", Category.Complaint, "Noise", Why: "specific"),
                new RuleDetails("*", "B", CoHandlers: ["C"], Priority: 5, Why: "catch-all with priority"),
            ]);
        var directory = Directory(file);
        var decision = directory.Route(Category.Complaint, "Noise", "DC")!;
        Assert.Equal("B", decision.Lead.Code);
        Assert.Empty(decision.CoHandlers); // C is inactive
    }

    [Fact]
    public void The_city_has_districts_counties_and_departments_in_a_tree_with_contacts_and_calendars()
    {
        Assert.True(City.Offices.Count(o => o.Kind is OfficeKind.District or OfficeKind.County) >= 3);
        Assert.Contains(City.Offices, o => o.Kind == OfficeKind.Department);
        Assert.Equal(["SFS-BH", "SFS-BH-QS"], City.WithSubOffices("SFS-BH").Order());
        Assert.All(City.Offices, o => Assert.NotEmpty(o.Contacts));
        Assert.All(City.Offices, o => Assert.Equal(("default", "Asia/Shanghai"), (o.CalendarCode, o.TimeZone)));
    }

    [Fact]
    public void A_directory_breaking_its_rules_is_refused_naming_every_problem()
    {
        var broken = new DirectoryFile("x",
            [Seed("A", regions: ["DC"]), Seed("B", regions: ["DC"]), Seed("A-1", parent: "NOPE"), Seed("Z", zone: "Mars/Olympus")],
            [new RuleDetails("*", "GONE", Category.Complaint, CoHandlers: ["A", "A"])]);
        var message = Assert.Throws<InvalidOperationException>(() => broken.ToEntities(DateTimeOffset.UtcNow)).Message;
        Assert.Contains("names parent NOPE", message);
        Assert.Contains("Region DC is under more than one office's jurisdiction: A, B", message);
        Assert.Contains("'Mars/Olympus', which is not an IANA time zone", message);
        Assert.Contains("names office GONE", message);
        Assert.Contains("co-handling office twice", message);
    }

    private static SeedOffice Seed(string code, string? parent = null, string[]? regions = null, string? zone = null, bool active = true) =>
        new(code, code, code, OfficeKind.District, parent, regions ?? [], null, null, zone, active);
}
