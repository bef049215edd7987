using System.Text;
using SimpleActors.Msrp.Imdn;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Imdn;

public class ImdnReaderTests
{
    private const string Head = "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>m1</message-id><datetime>2008-04-04T12:16:49-05:00</datetime>";

    private static string Rejection(string xml) =>
        Assert.Throws<ImdnFormatException>(() => ImdnReader.Read(Encoding.UTF8.GetBytes(xml))).Reason;

    [Theory]
    [InlineData("rfc5438-delivered.xml", DispositionType.Delivery, DispositionStatus.Delivered)]
    [InlineData("rfc5438-displayed.xml", DispositionType.Display, DispositionStatus.Displayed)]
    [InlineData("rfc5438-processed.xml", DispositionType.Processing, DispositionStatus.Processed)]
    public void The_RFC_5438_examples_read(string name, DispositionType disposition, DispositionStatus status)
    {
        var document = ImdnReader.Read(BodyVector.Load("imdn", name));

        Assert.Equal(
            new ImdnDocument
            {
                MessageId = "34jk324j",
                DateTime = new DateTimeOffset(2008, 4, 4, 12, 16, 49, TimeSpan.FromHours(-5)),
                RecipientUri = "im:bob@example.com",
                OriginalRecipientUri = "im:bob@example.com",
                Disposition = disposition,
                Status = status,
            },
            document);
    }

    [Fact]
    public void The_subject_is_kept_as_written_and_extensions_are_skipped()
    {
        var document = ImdnReader.Read(Encoding.UTF8.GetBytes(
            Head + "<subject> Project Tomorrow </subject><x:e xmlns:x=\"urn:x\"/><delivery-notification><status><failed/><x:why xmlns:x=\"urn:x\">busy</x:why></status></delivery-notification></imdn>"));

        Assert.Equal(" Project Tomorrow ", document.Subject);
        Assert.Equal(DispositionStatus.Failed, document.Status);
        Assert.Null(document.RecipientUri);
    }

    [Theory]
    [InlineData("<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><datetime>2008-04-04T12:16:49Z</datetime><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: no <message-id>")]
    [InlineData("<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>m</message-id><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: no <datetime>")]
    [InlineData(Head + "</imdn>", "IMDN: no notification")]
    [InlineData(Head + "<display-notification><status><delivered/></status></display-notification></imdn>", "IMDN: status does not fit the notification")]
    [InlineData(Head + "<delivery-notification><status><stored/></status></delivery-notification></imdn>", "IMDN: status does not fit the notification")]
    [InlineData(Head + "<delivery-notification><status><happy/></status></delivery-notification></imdn>", "IMDN: unknown status")]
    [InlineData(Head + "<delivery-notification><status/></delivery-notification></imdn>", "IMDN: <status> holds one status")]
    [InlineData(Head + "<delivery-notification><status><delivered/><failed/></status></delivery-notification></imdn>", "IMDN: <status> holds one status")]
    [InlineData(Head + "<delivery-notification/></imdn>", "IMDN: a notification holds one <status>")]
    [InlineData(Head + "<delivery-notification><status><delivered>yes</delivered></status></delivery-notification></imdn>", "IMDN: a status is an empty element")]
    [InlineData(Head + "<delivery-notification><status><delivered/></status></delivery-notification><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: more than one notification")]
    [InlineData(Head + "<message-id>m2</message-id><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: more than one <message-id>")]
    [InlineData(Head + "<mood/><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: unknown element <mood>")]
    [InlineData("<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>m</message-id><datetime>04/04/2008</datetime><display-notification><status><displayed/></status></display-notification></imdn>", "IMDN: <datetime> not an RFC 3339 date-time")]
    [InlineData("<imdn><message-id>m</message-id></imdn>", "IMDN: the root is not <imdn> in urn:ietf:params:xml:ns:imdn")]
    [InlineData("<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">", "IMDN: not well-formed XML")]
    [InlineData("<!DOCTYPE imdn SYSTEM \"http://example.com/x.dtd\"><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"/>", "IMDN: DTD not allowed")]
    public void Malformed_documents_are_refused_with_a_reason(string xml, string reason) => Assert.Equal(reason, Rejection(xml));

    [Fact]
    public void Too_large_a_document_is_refused_before_it_is_parsed() =>
        Assert.Equal("IMDN: document too large", Assert.Throws<ImdnFormatException>(() => ImdnReader.Read(new byte[100_000])).Reason);
}
