<?xml version="1.0" encoding="utf-8"?>
<!-- Customization of yelp-build html for the manual's HTML (meson.build):
     no syntax highlighting (the pages show a few shell commands), so no
     copy of the highlight.js library beside the pages. -->
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0">
  <xsl:param name="html.syntax.highlight" select="false()"/>
</xsl:stylesheet>
