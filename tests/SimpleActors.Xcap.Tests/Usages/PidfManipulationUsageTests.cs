using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Tests.Usages.UsageAssert;

namespace SimpleActors.Xcap.Tests.Usages;

public class PidfManipulationUsageTests
{
    private static readonly PidfManipulationUsage Usage = PidfManipulationUsage.Instance;

    private static string Presence(string content) => $"""
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
            xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:joe@example.com">{content}</presence>
        """;

    [Fact]
    public void The_RFC_3863_example_document_is_valid() => Valid(Usage, RfcExamples.Pidf);

    [Fact]
    public void A_data_model_document_with_RPID_is_valid() => Valid(Usage, RfcExamples.PidfDataModel);

    [Fact]
    public void A_presence_without_entity_is_a_schema_error() =>
        Fails(Usage, """<presence xmlns="urn:ietf:params:xml:ns:pidf"/>""", XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_basic_status_other_than_open_or_closed_is_a_schema_error() =>
        Fails(Usage, Presence("""<tuple id="t"><status><basic>busy</basic></status></tuple>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_device_without_deviceID_is_a_schema_error() =>
        Fails(Usage, Presence("""<dm:device id="d"/>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_tuple_without_status_is_a_schema_error() =>
        Fails(Usage, Presence("""<tuple id="t"/>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void Two_tuples_with_one_id_fail_uniqueness_with_an_alternative_id()
    {
        var field = NotUnique(Usage, Presence("""<tuple id="t1"><status/></tuple><tuple id="t1"><status/></tuple>"""));
        Assert.Equal("presence/tuple[2]/@id", field.Field);
        Assert.Equal(["t1-2"], field.AlternativeValues);
    }

    [Fact]
    public void A_person_with_a_tuple_id_fails_uniqueness()
    {
        var field = NotUnique(Usage, Presence("""<tuple id="x"><status/></tuple><dm:person id="x"><rpid:activities><rpid:away/></rpid:activities></dm:person>"""));
        Assert.Equal("presence/dm:person/@id", field.Field);
    }

    [Fact]
    public void A_device_with_a_person_id_fails_uniqueness()
    {
        var field = NotUnique(Usage, Presence("""<dm:person id="x"/><dm:device id="x"><dm:deviceID>urn:x</dm:deviceID></dm:device>"""));
        Assert.Equal("presence/dm:device/@id", field.Field);
    }

    [Fact]
    public void The_usage_describes_itself_as_RFC_4827_says()
    {
        Assert.Equal("pidf-manipulation", Usage.Auid);
        Assert.Equal("application/pidf+xml", Usage.MimeType);
        Assert.Equal("urn:ietf:params:xml:ns:pidf", Usage.DefaultNamespace);
        Assert.True(Usage.AllowsUserTree);
        Assert.Equal(GlobalAccess.None, Usage.GlobalTree);
    }
}
