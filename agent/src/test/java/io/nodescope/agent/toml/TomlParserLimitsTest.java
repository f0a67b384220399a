package io.nodescope.agent.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Hostile or unusual input: every mistake is a positioned error, never a crash or a quote of a file that is not TOML. */
class TomlParserLimitsTest {

    @Test
    void deeplyNestedArraysAreAPositionedErrorNotAStackOverflow() {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = " + "[".repeat(100_000)));
        assertEquals("1:" + (5 + TomlParser.MAX_NESTING), e.position().toString());
        assertTrue(e.getMessage().contains("nested more than " + TomlParser.MAX_NESTING + " deep"), e.getMessage());
    }

    @Test
    void deeplyNestedInlineTablesAreAPositionedError() {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class,
                () -> TomlParser.parse("x = 1\na = " + "{ b = ".repeat(50_000)));
        assertEquals(2, e.position().line());
        assertTrue(e.getMessage().contains("nested more than " + TomlParser.MAX_NESTING + " deep"), e.getMessage());
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        int depth = TomlParser.MAX_NESTING;
        TomlTable root = TomlParser.parse("a = " + "[".repeat(depth) + "]".repeat(depth) + "\nb = " + "{ c = ".repeat(depth - 1) + "{}" + " }".repeat(depth - 1));
        assertTrue(root.get("a") instanceof TomlArray);
        assertTrue(root.get("b") instanceof TomlTable);
    }

    @Test
    void aLoneCarriageReturnIsNamedAsSuch() {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = 1\rb = 2\r"));
        assertEquals("1:6", e.position().toString());
        assertTrue(e.getMessage().contains("a carriage return (CR) alone is not a TOML line ending"), e.getMessage());
        assertFalse(e.getMessage().contains("found the end of the line"), e.getMessage());
        TomlSyntaxException inComment = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("# one\rtwo = 2\n"));
        assertEquals("1:6", inComment.position().toString());
        assertTrue(inComment.getMessage().contains("carriage return"), inComment.getMessage());
        TomlSyntaxException inArray = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = [1,\r2]\n"));
        assertEquals("1:8", inArray.position().toString());
        assertTrue(inArray.getMessage().contains("carriage return"), inArray.getMessage());
        TomlSyntaxException blank = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("\r"));
        assertEquals("1:1", blank.position().toString());
    }

    @Test
    void aTimeWithoutSecondsIsTomlOneDotOneOnly() {
        for (String text : new String[] {"t = 07:32", "t = 1979-05-27T07:32", "t = 1979-05-27 07:32Z", "t = 1979-05-27T07:32+01:00"}) {
            TomlSyntaxException e = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse(text), text);
            assertEquals("1:5", e.position().toString(), text);
            assertTrue(e.getMessage().contains("seconds"), e.getMessage());
        }
    }

    @Test
    void fractionalSecondsBeyondNanosecondsAreTruncatedAsTomlOneDotZeroAllows() throws Exception {
        TomlTable root = TomlParser.parse("t = 07:32:00.1234567891999\nl = 1979-05-27T07:32:00.9999999999\n"
                + "o = 1979-05-27T07:32:00.0000000001Z\n");
        assertEquals(LocalTime.parse("07:32:00.123456789"), root.get("t"));
        assertEquals(LocalDateTime.parse("1979-05-27T07:32:00.999999999"), root.get("l"));
        assertEquals(OffsetDateTime.parse("1979-05-27T07:32:00Z"), root.get("o"));
    }

    @Test
    void aFileThatIsNotTomlIsNotQuoted() {
        TomlSyntaxException e = assertThrows(TomlSyntaxException.class,
                () -> TomlParser.parse("root:$6$saltsalt$secrethash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"));
        assertEquals("1:5", e.position().toString());
        assertTrue(e.beforeAnyStatement());
        assertFalse(e.withoutContent().contains("root"), e.withoutContent());
        assertFalse(e.withoutContent().contains(":"), e.withoutContent());
        assertFalse(e.withoutContent().contains("$"), e.withoutContent());
        TomlSyntaxException later = assertThrows(TomlSyntaxException.class, () -> TomlParser.parse("a = 1\nroot:x\n"));
        assertFalse(later.beforeAnyStatement());
    }
}
