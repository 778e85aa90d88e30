package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every image file in ../shared/data/formats and graphene-hrtem, read through {@link ImageFiles#read}.
 *
 * <p>Expected values come from an independent reading with bench/formats_crosscheck.py (DM3/DM4, SER and MRC
 * parsed by hand with Python struct/numpy; TIFF with tifffile; EMD with h5py), run with /usr/bin/python3:
 * shape, dtype, the stored scale and unit, and pixels at frame 0 [0,0], frame 0 [ny/2, nx/3] and the last
 * frame's [ny-1, nx-1]. Pixel sizes are the stored scale converted to Å; SOURCES.md lists 0.1001 Å for
 * 16_STOimage, 0.12247 Å for Acquisition_18 and 0.1382 Å for graphene_filtered.dm3, which agree.
 */
class ImageFilesReadTest {

    /** file, frames, ny, nx, dtype, dy Å (NaN = uncalibrated), dx Å, f0[0,0], f0[ny/2,nx/3], last[ny-1,nx-1]. */
    static Stream<Arguments> files() {
        double none = Double.NaN;
        return Stream.of(
                Arguments.of("formats/ncempy/16_STOimage_1.ser", 1, 1024, 1024, "uint16", 0.10012704240403383, 0.10012704240403383, 19351, 19254, 20670),
                Arguments.of("formats/ncempy/16_STOimage.emi", 1, 1024, 1024, "uint16", 0.10012704240403383, 0.10012704240403383, 19351, 19254, 20670),
                Arguments.of("formats/ncempy/Acquisition_18.emd", 1, 1024, 1024, "uint16", 0.12246524915099144, 0.12246524915099144, 12487, 10239, 8535),
                Arguments.of("formats/ncempy/After_HAADF_130mm_1.ser", 1, 1024, 1024, "uint16", 32.70361189345877, 32.70361189345877, 125, 839, 103),
                Arguments.of("formats/ncempy/After_HAADF_130mm.emi", 1, 1024, 1024, "uint16", 32.70361189345877, 32.70361189345877, 125, 839, 103),
                Arguments.of("formats/ncempy/Camera_Ceta_Imaging_Micro.emd", 1, 512, 512, "int16", 31.388370544495519, 31.388370544495519, -6, 0, -2),
                Arguments.of("formats/ncempy/STEM_HAADF_Diffraction_Micro.emd", 1, 128, 128, "uint16", 873.70796142255832, 873.70796142255832, 9993, 9996, 9996),
                // 3-D DM4: x 2 pm, y 3 nm per pixel; the third axis (4 µm) is the stack axis.
                Arguments.of("formats/ncempy/dmTest_3D_int16_64x65x66.dm4", 66, 65, 64, "int16", 30.0, 0.02, 0, 21, 63),
                // Non-square pixels in different units: x 1 nm, y 2 Å.
                Arguments.of("formats/ncempy/dmTest_float32_nonSquare_diffPixelSize.dm3", 1, 64, 128, "float32", 2.0, 10.0, 0, 42, 127),
                Arguments.of("formats/ncempy/dmTest_float32_nonSquare_diffPixelSize.dm4", 1, 64, 128, "float32", 2.0, 10.0, 0, 42, 127),
                Arguments.of("formats/ncempy/temp.mrc", 3, 128, 128, "float32", 2.0, 2.0, 0.9490523, 0.21444379, 0.25765225),
                Arguments.of("formats/rosettasciio/03_Scanning_Preview_1.ser", 5, 128, 128, "uint16", 3.843524875139251, 3.843524875139251, 27508, 4514, 2260),
                Arguments.of("formats/rosettasciio/128x128_TEM_acquire-sum1_1.ser", 1, 128, 128, "int32", 214.79317511461325, 214.79317511461325, -62, 61, 0),
                Arguments.of("formats/rosettasciio/64x64_TEM_images_acquire_1.ser", 1, 64, 64, "float32", 62.81833616298531, 62.81833616298531, 48408.402, 8696.744, 47603.34),
                Arguments.of("formats/rosettasciio/Fei_HAADF-UK_location.dm3", 1, 4, 16, "uint16", 55.06073124706745, 55.06073124706745, 3917, 3808, 3865),
                // HAADFscan.mrc: CELLA 908.661 Å over MX 16 (the FEI2 extended header is skipped).
                Arguments.of("formats/rosettasciio/HAADFscan.mrc", 1, 16, 16, "uint16", 56.79131317138672, 56.79131317138672, 5715, 4939, 5721),
                Arguments.of("formats/rosettasciio/fei_example_tem_stack.emd", 2, 3, 3, "int16", 0.081728831922978511, 0.081728831922978511, 0, 8, 17),
                Arguments.of("formats/rosettasciio/test-1.dm3", 1, 2, 2, "int16", none, none, 1, 3, 4),
                Arguments.of("formats/rosettasciio/test-1.dm4", 1, 2, 2, "int16", none, none, 1, 3, 4),
                Arguments.of("formats/rosettasciio/test_STEM_image.dm3", 1, 68, 68, "uint32", 2.4853801727294922, 2.4853801727294922, 33121, 31724, 32683),
                Arguments.of("formats/rosettasciio/test_dm_image_um_unit.dm3", 1, 68, 68, "int32", 1686.7469251155853, 1686.7469251155853, 3465, 3355, 3319),
                Arguments.of("formats/rosettasciio/test_loading_image_saved_with_DM.tif", 1, 68, 68, "int32", 1686.7469251155853, 1686.7469251155853, 3465, 3355, 3319),
                // ImageJ: unit=micron, XResolution 5928571/1000000 pixels per µm.
                Arguments.of("formats/rosettasciio/test_loading_image_saved_with_imageJ.tif", 1, 68, 68, "float32", 1e4 / 5.928571, 1e4 / 5.928571, 3465, 3355, 3319),
                Arguments.of("formats/scifidatasets/DMReader_Image_SI-Survey.dm3", 1, 512, 512, "uint32", none, none, 2884032, 2894521, 2985239),
                Arguments.of("formats/scifidatasets/DMReader_SI-HAADF.dm3", 1, 1568, 192, "float32", none, none, 1792.8827, 1744.4413, 1775.8762),
                Arguments.of("formats/scifidatasets/EMDReader_Image_FEI.emd", 1, 512, 512, "uint16", 53.024148379916015, 53.024148379916015, 9240, 9402, 9216),
                Arguments.of("graphene-hrtem/graphene_defect_filtered.dm3", 1, 512, 512, "float32", none, none, 0.009845525, -0.023420699, 0.008588756),
                Arguments.of("graphene-hrtem/graphene_defect_filtered.tif", 1, 512, 512, "float32", none, none, 0.009845525, -0.023420699, 0.008588756),
                Arguments.of("graphene-hrtem/graphene_defect_raw.dm3", 1, 512, 512, "float32", none, none, 0.9987226, 0.9799083, 1.000738),
                Arguments.of("graphene-hrtem/graphene_defect_raw.tif", 1, 512, 512, "float32", none, none, 0.9987226, 0.9799083, 1.000738),
                Arguments.of("graphene-hrtem/graphene_filtered.dm3", 1, 512, 512, "float32", 0.13820881024003029, 0.13820881024003029, -31.019226, 101.88901, -4.2419014),
                Arguments.of("graphene-hrtem/graphene_flower_filtered.dm3", 1, 256, 256, "float32", none, none, 0.009239348, -0.0012810393, 0.00860749),
                Arguments.of("graphene-hrtem/graphene_flower_filtered.tif", 1, 256, 256, "float32", none, none, 0.009239348, -0.0012810393, 0.00860749),
                Arguments.of("graphene-hrtem/graphene_flower_raw.dm3", 1, 256, 256, "float32", none, none, 1.0020977, 0.9977043, 1.0073239),
                Arguments.of("graphene-hrtem/graphene_flower_raw.tif", 1, 256, 256, "float32", none, none, 1.0020977, 0.9977043, 1.0073239));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsShapeTypeCalibrationAndPixelsAsAnIndependentReaderDoes(String relative, int frames, int ny, int nx, String dtype,
            double dy, double dx, double first, double middle, double last) {
        Path file = Shared.require("data/" + relative);
        List<LoadedImage> images = ImageFiles.read(file);
        assertEquals(frames, images.size(), "frames");
        LoadedImage image = images.get(0);
        assertEquals(ny, image.image().ny(), "ny");
        assertEquals(nx, image.image().nx(), "nx");
        assertEquals(dtype, image.dtype());
        if (Double.isNaN(dy)) {
            assertFalse(image.calibrated(), "file stores no length calibration");
        } else {
            assertTrue(image.calibrated(), "calibrated");
            assertEquals(dy, image.image().grid().dyAngstrom(), 1e-9 * dy, "dy Å");
            assertEquals(dx, image.image().grid().dxAngstrom(), 1e-9 * dx, "dx Å");
        }
        assertEquals(first, image.image().get(0, 0), 1e-6 * Math.abs(first));
        assertEquals(middle, image.image().get(ny / 2, nx / 3), 1e-6 * Math.abs(middle));
        assertEquals(last, images.get(frames - 1).image().get(ny - 1, nx - 1), 1e-6 * Math.abs(last));
    }

    @Test
    void microscopeSettingsComeWithTheImage() {
        var dm = ImageFiles.read(Shared.require("data/formats/rosettasciio/test_dm_image_um_unit.dm3")).get(0).metadata();
        assertEquals("200000", dm.get("Voltage"));
        assertEquals("51", dm.get("Indicated Magnification"));
        assertEquals("0.5", dm.get("Exposure (s)"));
        var ser = ImageFiles.read(Shared.require("data/formats/ncempy/16_STOimage_1.ser")).get(0).metadata();
        assertEquals("13500000 x", ser.get("Magnification"));
        var velox = ImageFiles.read(Shared.require("data/formats/ncempy/Camera_Ceta_Imaging_Micro.emd")).get(0).metadata();
        assertEquals("300000", velox.get("voltage (V)"));
        assertEquals(0.4, Double.parseDouble(velox.get("exposure (s)")), 1e-12);
        var berkeley = ImageFiles.read(Shared.require("data/formats/ncempy/Acquisition_18.emd")).get(0).metadata();
        assertEquals(200000.0, Double.parseDouble(berkeley.get("high tension")));
    }

    @Test
    void spectraAndUnsupportedFilesGiveAClearError() {
        Path eels = Shared.require("data/formats/scifidatasets/DMReader_EELS_STO.dm4");
        var e = assertThrows(AtomfinderException.class, () -> ImageFiles.read(eels));
        assertTrue(e.getMessage().startsWith(eels.toString()) && e.getMessage().contains("contains no image")
                && e.getMessage().contains("1-D spectrum of 2048 channels"), e.getMessage());
        Path jeol = Shared.require("data/formats/rosettasciio/View000_0000000.img");
        var j = assertThrows(AtomfinderException.class, () -> ImageFiles.read(jeol));
        assertTrue(j.getMessage().contains("JEOL") && j.getMessage().contains("not supported"), j.getMessage());
    }
}
