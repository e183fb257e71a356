package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule for which links become a claim's photos, case by case, on the literal text (nothing is looked up). */
class PhotoLinksTest {
  static final PhotoLinks LINKS = new PhotoLinks(Set.of("mmbiz.qpic.cn", "mmbiz.qlogo.cn", "wx.qlogo.cn",
      "mmsns.qpic.cn"));

  @ParameterizedTest
  @ValueSource(strings = {
      "https://img.example.org/1.jpg",
      "https://example.org/photo-1.jpg?size=large#x",
      "HTTPS://IMG.EXAMPLE.ORG/1.JPG",
      "https://8.8.8.8/a.jpg",
      "https://[2001:4860:4860::8888]/a.jpg",
      "https://img.example.org:8443/a.jpg",
      "http://mmbiz.qpic.cn/mmbiz_jpg/abc/0",
      "https://wx.qlogo.cn/mmhead/abc/0",
      "http://mmsns.qpic.cn/a/b"})
  void publicHttpsLinksAndThePlatformsHostsAreAccepted(String link) {
    assertThat(LINKS.typed(link).isOk()).as(link).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "file:///etc/passwd", "FILE:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA",
      "ftp://example.org/a.jpg", "gopher://example.org/", "http://example.org/a.jpg",
      "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.1/a.jpg", "https://172.16.0.1/a.jpg", "https://172.31.255.255/a.jpg",
      "https://192.168.1.1/a.jpg", "https://127.0.0.1/a.jpg", "https://127.9.9.9/a.jpg", "https://0.0.0.0/a.jpg",
      "https://100.64.0.1/a.jpg", "https://255.255.255.255/a.jpg", "https://224.0.0.1/a.jpg",
      "https://[::1]/a.jpg", "https://[fe80::1]/a.jpg", "https://[fc00::1]/a.jpg", "https://[fd12:3456::1]/a.jpg",
      "https://[::]/a.jpg", "https://[::ffff:127.0.0.1]/a.jpg", "https://[::ffff:10.0.0.1]/a.jpg",
      "https://2130706433/a.jpg", "https://0x7f000001/a.jpg", "https://0x7f.0.0.1/a.jpg", "https://127.1/a.jpg",
      "https://010.0.0.1/a.jpg",
      "https://localhost/a.jpg", "https://LOCALHOST./a.jpg", "https://printer.local/a.jpg",
      "https://metadata.google.internal/a", "https://intranet/a.jpg", "https://nas.lan/a.jpg",
      "https://api.localhost/a", "https://mmbiz.qpic.cn@169.254.169.254/a.jpg",
      "https://user:pw@example.org/a.jpg", "http://mmbiz.qpic.cn.evil.example/a.jpg",
      "https:///a.jpg", "https://exa mple.org/a.jpg", "not a link", ""})
  void everythingElseIsRefusedWithAReasonForTheResident(String link) {
    Parsed<String> p = LINKS.typed(link);
    assertThat(p.isOk()).as(link).isFalse();
    assertThat(p.reason()).hasValue(PhotoLinks.LINK_REFUSED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://example.org/index.html", "https://example.org/", "https://example.org/setup.exe",
      "https://example.org/video.mp4", "https://example.org/photos?id=3", "https://pan.example.org/s/abc"})
  void aLinkToSomethingOtherThanAnImageIsRefusedWithItsOwnReason(String link) {
    assertThat(LINKS.typed(link).reason()).as(link).hasValue(PhotoLinks.NOT_AN_IMAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.org/scan/diagnosis.PDF", "https://cdn.example.org/p?wx_fmt=jpeg",
      "https://img.example.org/a/b.webp"})
  void imagesAndScannedDocumentsByTheirPath(String link) {
    assertThat(LINKS.typed(link).isOk()).as(link).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://img.example.org/1.jpg|https://img.example.org/1.jpg",
      "照片在这 https://img.example.org/1.jpg|https://img.example.org/1.jpg",
      "照片在这https://img.example.org/1.jpg。|https://img.example.org/1.jpg",
      "  file:///etc/passwd  |file:///etc/passwd",
      "这是现场照片: javascript:alert(1)|javascript:alert(1)"})
  void aMessageSentAsAPhotoIsItsLink(String message, String link) {
    assertThat(PhotoLinks.sentAsPhoto(message)).as(message).hasValue(link);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "暴雨时一楼进水 家具泡坏了 视频见 https://example.org/flood.jpg",
      "=HYPERLINK(\"https://evil.example/x\") 家里一楼全淹了,冰箱沙发都坏了",
      "https://a.example/1.jpg https://a.example/2.jpg",
      "没有", "前天晚上暴雨"})
  void aLinkInsideWordsIsNotAPhoto(String message) {
    assertThat(PhotoLinks.sentAsPhoto(message)).as(message).isEqualTo(Optional.empty());
  }

  @Test
  void severalLinksSentAsPhotosAreEachALink() {
    assertThat(PhotoLinks.sentAsPhotos("两张照片 https://p.example.cn/u/a1.jpg https://p.example.cn/u/a2.jpg"))
        .containsExactly("https://p.example.cn/u/a1.jpg", "https://p.example.cn/u/a2.jpg");
    assertThat(PhotoLinks.sentAsPhotos("现场三张:https://p.example.cn/b/1.jpg、https://p.example.cn/b/2.jpg，https://p.example.cn/b/3.png。"))
        .containsExactly("https://p.example.cn/b/1.jpg", "https://p.example.cn/b/2.jpg", "https://p.example.cn/b/3.png");
    assertThat(PhotoLinks.sentAsPhotos("https://p.example.cn/1.jpg javascript:alert(1)"))
        .containsExactly("https://p.example.cn/1.jpg", "javascript:alert(1)");
    assertThat(PhotoLinks.sentAsPhotos("照片有三张 第一张https://p.example.cn/r/A.jpg 第二张https://p.example.cn/r/B.jpg "
        + "还有https://p.example.cn/r/C.png")).hasSize(3);
    // Links inside a story are still words.
    assertThat(PhotoLinks.sentAsPhotos("暴雨时一楼进水 家具泡坏了 视频见 https://a.example/1.jpg https://a.example/2.jpg")).isEmpty();
    assertThat(PhotoLinks.sentAsPhotos("没有")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "media_1|http://mmbiz.qpic.cn/mmbiz_jpg/abc/0|http://mmbiz.qpic.cn/mmbiz_jpg/abc/0",
      "media_1|null|wechat-media:media_1",
      "media_1|''|wechat-media:media_1"})
  void thePlatformsMediaIsAccepted(String mediaId, String picUrl, String attached) {
    assertThat(LINKS.wechat(mediaId, picUrl).toOptional()).hasValue(attached);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "media_1|file:///etc/passwd", "media_1|http://169.254.169.254/latest/meta-data/",
      "media_1|https://img.example.org/1.jpg", "media_1|http://127.0.0.1/a", "null|null", "'../x'|null"})
  void anythingElseFromThePlatformIsRefused(String mediaId, String picUrl) {
    assertThat(LINKS.wechat(mediaId, picUrl).reason()).hasValue(PhotoLinks.MEDIA_REFUSED);
  }
}
