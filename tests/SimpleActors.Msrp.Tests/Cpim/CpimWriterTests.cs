using System.Text;
using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Cpim;

public class CpimWriterTests
{
    private static string Written(CpimMessage message) => Encoding.UTF8.GetString(CpimWriter.Write(message));

    public static TheoryData<string> Vectors() => new(BodyVector.Names("cpim", "*.cpim"));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_vector_reads_back_equal_after_writing(string name)
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", name));

        Assert.Equal(message, CpimReader.Read(CpimWriter.Write(message)));
    }

    [Fact]
    public void The_RFC_3862_example_is_written_canonically_byte_for_byte()
    {
        var message = CpimReader.Read(BodyVector.Load("cpim", "rfc3862-example.cpim"));

        Assert.Equal(
            "From: MR SANDERS <im:piglet@100akerwood.com>\r\n"
            + "To: Depressed Donkey <im:eeyore@100akerwood.com>\r\n"
            + "DateTime: 2000-12-13T13:40:00-08:00\r\n"
            + "Subject: the weather will be fine today\r\n"
            + "Subject:;lang=fr beau temps prevu pour aujourd'hui\r\n"
            + "NS: MyFeatures <mid:MessageFeatures@id.foo.com>\r\n"
            + "Require: MyFeatures.VitalMessageOption\r\n"
            + "MyFeatures.VitalMessageOption: Confirmation-requested\r\n"
            + "MyFeatures.WackyMessageOption: Use-silly-font\r\n"
            + "\r\n"
            + "Content-Type: text/xml; charset=utf-8\r\n"
            + "Content-ID: <1234567890@foo.com>\r\n"
            + "\r\n"
            + "<body>\r\nHere is the text of my message.\r\n</body>",
            Written(message));
    }

    [Fact]
    public void Headers_go_in_canonical_order_with_NS_before_the_headers_that_use_it()
    {
        var message = new CpimMessage
        {
            From = new CpimAddress("im:a@example.com"),
            To = [new CpimAddress("im:b@example.com")],
            Cc = [new CpimAddress("im:c@example.com")],
            DateTime = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(1_250_000),
            Extensions = [new CpimHeader("imdn", "Message-ID", "urn:ietf:params:imdn", "x1")],
            Namespaces = [new CpimNamespace("imdn", "urn:ietf:params:imdn")],
            Require = ["imdn.Message-ID"],
            MimeHeaders = [new MimeHeader("content-type", "text/plain")],
            Content = "hi"u8.ToArray(),
        };

        Assert.Equal(
            "From: <im:a@example.com>\r\nTo: <im:b@example.com>\r\ncc: <im:c@example.com>\r\nDateTime: 2024-02-29T23:59:59.125Z\r\n"
            + "NS: imdn <urn:ietf:params:imdn>\r\nRequire: imdn.Message-ID\r\nimdn.Message-ID: x1\r\n\r\nContent-Type: text/plain\r\n\r\nhi",
            Written(message));
    }

    [Fact]
    public void Display_names_that_are_not_tokens_are_quoted_and_escaped()
    {
        var message = CpimMessage.Create(new CpimAddress("Winnie \"the\" Pooh, Esq.", "im:pooh@example.com"), new CpimAddress("Zoë", "im:z@example.com"), "text/plain", default);

        var text = Written(message);

        Assert.StartsWith("From: \"Winnie \\\"the\\\" Pooh, Esq.\" <im:pooh@example.com>\r\nTo: Zoë <im:z@example.com>\r\n", text);
        Assert.Equal(message, CpimReader.Read(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Line_breaks_backslashes_and_controls_in_values_are_escaped()
    {
        var message = CpimMessage.Create(new CpimAddress("im:a@b"), new CpimAddress("im:c@d"), "text/plain", default) with
        {
            Subjects = [new CpimSubject("a\r\nb\\c\u0001\ud800")],
        };

        Assert.Contains("Subject: a\\r\\nb\\\\c\\u0001\\uD800\r\n", Written(message), StringComparison.Ordinal);
        Assert.Equal(message, CpimReader.Read(CpimWriter.Write(message)));
    }

    [Fact]
    public void A_prefix_no_NS_header_binds_cannot_be_written()
    {
        var message = CpimMessage.Create(new CpimAddress("im:a@b"), new CpimAddress("im:c@d"), "text/plain", default) with
        {
            Extensions = [new CpimHeader("imdn", "Message-ID", "urn:ietf:params:imdn", "1")],
        };

        Assert.Throws<ArgumentException>(() => CpimWriter.Write(message));
    }

    [Fact]
    public void A_URI_with_an_angle_bracket_cannot_be_written()
    {
        var message = CpimMessage.Create(new CpimAddress("im:a>b"), new CpimAddress("im:c@d"), "text/plain", default);

        Assert.Throws<ArgumentException>(() => CpimWriter.Write(message));
    }
}
