using System.Text;
using SimpleActors.Msrp.Imdn;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Imdn;

public class ImdnWriterTests
{
    public static TheoryData<string> Vectors() => new(BodyVector.Names("imdn", "*.xml"));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_RFC_5438_examples_read_back_equal_after_writing(string name)
    {
        var document = ImdnReader.Read(BodyVector.Load("imdn", name));

        Assert.Equal(document, ImdnReader.Read(ImdnWriter.Write(document)));
    }

    [Fact]
    public void A_document_is_written_in_schema_order()
    {
        var document = new ImdnDocument
        {
            MessageId = "34jk324j",
            DateTime = new DateTimeOffset(2008, 4, 4, 12, 16, 49, TimeSpan.FromHours(-5)),
            RecipientUri = "im:bob@example.com",
            OriginalRecipientUri = "im:bob@example.com",
            Subject = "a & b",
            Disposition = DispositionType.Display,
            Status = DispositionStatus.Forbidden,
        };

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
            + "  <message-id>34jk324j</message-id>\n  <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
            + "  <recipient-uri>im:bob@example.com</recipient-uri>\n  <original-recipient-uri>im:bob@example.com</original-recipient-uri>\n"
            + "  <subject>a &amp; b</subject>\n  <display-notification>\n    <status>\n      <forbidden />\n    </status>\n  </display-notification>\n</imdn>",
            Encoding.UTF8.GetString(ImdnWriter.Write(document)));
    }

    [Fact]
    public void A_status_that_does_not_fit_its_notification_cannot_be_written() =>
        Assert.Throws<ArgumentException>(() => ImdnWriter.Write(new ImdnDocument
        {
            MessageId = "m",
            DateTime = DateTimeOffset.UnixEpoch,
            Disposition = DispositionType.Display,
            Status = DispositionStatus.Delivered,
        }));
}
