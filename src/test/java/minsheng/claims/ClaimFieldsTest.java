package minsheng.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimFieldsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "东亭社区3栋2单元101|东亭社区|3栋2单元101", "小洪山社区西3栋22单元302|小洪山社区|西3栋22单元302",
      "梅苑小区3栋502|梅苑小区|3栋502", "中央花园 5栋1单元102|中央花园|5栋1单元102", "东湖新村12栋3单元402|东湖新村|12栋3单元402",
      "中南花园B座1203|中南花园|B座1203", "南湖花园小区3栋|南湖花园小区|3栋", "梅苑社区 梅苑小区9栋3楼|梅苑社区|梅苑小区9栋3楼",
      "中山路296号3楼||中山路296号3楼"})
  void anEstateNamedWithoutItsCommunityIsTheCommunity(String said, String community, String detail) {
    Claim.Address address = ClaimFields.address("中南路街", said);
    assertThat(address.community()).isEqualTo(community == null ? "" : community);
    assertThat(address.detail()).isEqualTo(detail);
  }

  /** Class: a pasted template's labelled name line ("申请人:…", "姓名:…", "户主:…"), full-width colon folded already. */
  @Test
  void aTemplatesLabelledNameLineIsTheName() {
    assertThat(ClaimFields.name("申请人:柯红梅\n身份证号:420106197310181083", false)).contains("柯红梅");
    assertThat(ClaimFields.name("姓名:左慧芳\n电话:139", false)).contains("左慧芳");
    assertThat(ClaimFields.name("户主: 周建华\n住址:…", false)).contains("周建华");
    assertThat(ClaimFields.name("名字:杜秀英\n身份证号码:…", false)).contains("杜秀英");
    // Without its colon 申请人 is no label: "申请人是我妈" names nobody here.
    assertThat(ClaimFields.name("申请人是我妈 她身份证在我这", false)).isEmpty();
  }
}
